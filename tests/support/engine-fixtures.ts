// Shared by the integration tests that run scripts: tenants whose platform key a harness
// sshd trusts, targets and scripts as the app saves them, and Run rows written straight
// into the database, as an engine would find them.
import type { Scope } from '@/lib/auth/tenant-access'
import { db, type Prisma } from '@/lib/db'
import type { RunSnapshot, ScriptStep } from '@/lib/engine/snapshot'
import type { ParameterInput } from '@/lib/scripts/parameters'
import { createScript } from '@/lib/scripts/save'
import { platformKey } from '@/lib/targets/platform-key'
import { createTarget } from '@/lib/targets/queries'
import type { encodings } from '@/lib/targets/schema'
import { createTenant } from '@/lib/tenants/queries'
import { makeMember, makeTenant } from './factories'
import { addAuthorizedKey, type SshHost } from './sshd'

let n = 0

async function trustPlatformKey(scope: Scope, hosts: SshHost[]) {
  const { publicKey } = (await platformKey(scope))!
  for (const host of hosts) addAuthorizedKey(host, publicKey)
}

/** A new tenant whose platform key every one of hosts accepts. */
export async function engineTenant(...hosts: SshHost[]) {
  const t = await createTenant({ name: `Engine ${++n}`, slug: `engine-${n}-${Date.now().toString(36)}` })
  const scope = { tenantId: t.id, userId: 'test', role: 'admin' as const }
  await trustPlatformKey(scope, hosts)
  return scope
}

export type EngineScope = Awaited<ReturnType<typeof engineTenant>>

/** Like engineTenant, seen by a real admin user: scripts and tasks record who saved them. */
export async function memberTenant(name: string, ...hosts: SshHost[]) {
  const tenant = await makeTenant(name)
  const { scope } = await makeMember(tenant.id, 'admin')
  await trustPlatformKey(scope, hosts)
  return scope
}

type TargetOptions = {
  /** Instead of the host's own port (1: a closed one). */
  port?: number
  encoding?: (typeof encodings)[number]
  labels?: string[]
  /** A sealed credential instead of the tenant's platform key. */
  credential?: { credentialType: string; credentialSecret: string | null }
}

/** A target on host, logging in with the tenant's platform key; returns it as a run snapshot lists it. */
export async function engineTarget(scope: Scope, host: SshHost, name: string, options: TargetOptions = {}) {
  const { port = host.port, encoding = 'utf-8', labels = [] } = options
  const t = await createTarget(
    scope,
    {
      name,
      host: host.host,
      port,
      username: host.username,
      resourcePool: null,
      region: null,
      encoding,
      description: '',
      labels,
      proxyId: null,
    },
    options.credential ?? { credentialType: 'platform_key', credentialSecret: null },
  )
  return { id: t.id, name, host: host.host, port, encoding }
}

/** A script parameter as the script editor submits it. */
export const param = (p: Partial<ParameterInput> & { name: string }): ParameterInput => ({
  type: 'string',
  description: '',
  required: false,
  default: '',
  options: [],
  keepStoredDefault: false,
  ...p,
})

/** Saves a bash script as the editor does; returns its id. */
export async function saveScript(
  scope: Scope,
  content: string,
  { name = `s-${Math.random().toString(36).slice(2)}`, parameters = [] as ParameterInput[] } = {},
) {
  const saved = await createScript(scope, { name, language: 'bash', description: '', content, parameters, message: '' })
  if (!saved.ok) throw new Error(saved.reason)
  return saved.scriptId
}

export function scriptStep(content: string, overrides: Partial<ScriptStep> = {}): ScriptStep {
  return {
    kind: 'script',
    scriptId: 's',
    scriptName: 's',
    versionId: 'v',
    version: 1,
    sha256: 'x',
    language: 'bash',
    content,
    parameters: [],
    continueOnFailure: false,
    hosts: 'all',
    runAs: null,
    ...overrides,
  }
}

export const limits = (l: Partial<RunSnapshot['limits']> = {}): RunSnapshot['limits'] => ({
  parallelism: 8,
  timeoutSeconds: 30,
  maxFailedCount: null,
  maxFailedPercent: null,
  ...l,
})

/** A Run row with an empty snapshot, for tests of what happens to rows: claims, leases, output. */
export function runRow(tenantId: string, data: Partial<Prisma.RunUncheckedCreateInput> = {}) {
  return db.run.create({ data: { tenantId, kind: 'script', snapshot: '{}', triggeredByType: 'user', ...data } })
}

/** A target-run of step 0 of run, for a target named (and with the id) name. */
export function targetRunRow(
  run: { id: string; tenantId: string },
  name: string,
  data: Partial<Prisma.TargetRunUncheckedCreateInput> = {},
) {
  return db.targetRun.create({
    data: { runId: run.id, tenantId: run.tenantId, stepIndex: 0, targetId: name, targetName: name, ...data },
  })
}

/**
 * A run of snapshot: 'running' is how executeRun finds it once an engine claimed it,
 * 'queued' leaves it for a running engine to claim.
 */
export function queueRun(scope: Scope, snapshot: RunSnapshot, status: 'queued' | 'running' = 'running') {
  return runRow(scope.tenantId, { snapshot: JSON.stringify(snapshot), status })
}

const hasFinished = (status: string) => status !== 'queued' && status !== 'running'

/** The run once done(status) holds, by default once it is no longer queued or running. */
export async function waitForRun(runId: string, done = hasFinished, ms = 20_000) {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 100))) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } })
    if (done(run.status)) return run
    if (Date.now() > end) throw new Error(`run ${runId} is still ${run.status} after ${ms} ms`)
  }
}
