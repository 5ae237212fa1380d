// Shared by the engine's integration tests: a tenant whose platform key a harness sshd
// trusts, targets on that sshd, and runs queued straight into the database.
import { db } from '@/lib/db'
import type { RunSnapshot, ScriptStep } from '@/lib/engine/snapshot'
import { platformKey } from '@/lib/targets/platform-key'
import { createTarget } from '@/lib/targets/queries'
import { createTenant } from '@/lib/tenants/queries'
import { addAuthorizedKey, type SshHost } from '../support/sshd'

let n = 0

/** A new tenant whose platform key every one of hosts accepts. */
export async function engineTenant(...hosts: SshHost[]) {
  const t = await createTenant({ name: `Engine ${++n}`, slug: `engine-${n}-${Date.now().toString(36)}` })
  const scope = { tenantId: t.id, userId: 'test', role: 'admin' as const }
  const { publicKey } = (await platformKey(scope))!
  for (const host of hosts) addAuthorizedKey(host, publicKey)
  return scope
}

export type EngineScope = Awaited<ReturnType<typeof engineTenant>>

/** A target on host, logging in with the tenant's platform key. */
export async function engineTarget(scope: EngineScope, host: SshHost, name: string) {
  const t = await createTarget(
    scope,
    {
      name,
      host: host.host,
      port: host.port,
      username: host.username,
      resourcePool: null,
      region: null,
      encoding: 'utf-8',
      description: '',
      labels: [],
      proxyId: null,
    },
    { credentialType: 'platform_key', credentialSecret: null },
  )
  return { id: t.id, name, host: host.host, port: host.port, encoding: 'utf-8' }
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

/** A run as an engine would find it after claiming it. */
export function queueRun(scope: EngineScope, snapshot: RunSnapshot) {
  return db.run.create({
    data: {
      tenantId: scope.tenantId,
      kind: 'script',
      snapshot: JSON.stringify(snapshot),
      triggeredByType: 'user',
      status: 'running',
    },
  })
}
