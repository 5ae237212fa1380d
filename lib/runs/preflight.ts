import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { mapWithConcurrency } from '@/lib/concurrency'
import { type DangerMatch, type DangerRuleLike, partitionMatches, verdict } from '@/lib/danger-rules/check'
import { checkScript } from '@/lib/danger-rules/match'
import { listEnabledRules } from '@/lib/danger-rules/queries'
import { db } from '@/lib/db'
import { engineVitals } from '@/lib/engine/engine'
import { connect, SshError } from '@/lib/ssh'
import { resolveEndpoint } from '@/lib/targets/chain'
import { storedFileRefs } from '@/lib/tasks/files'
import type { StartScriptRunInput } from './schema'
import { buildScriptStep } from './steps'
import { resolveRunTargets, type SnapshotTarget } from './targets'

// A dry run ("Check", PRODUCT.md §3a): what a run would do, found the way a run finds it,
// without a Run row, a command on any host, or a stored host key.

export type PreflightResult =
  'ok' | 'unknown_host_key' | 'unreachable' | 'timeout' | 'auth_failed' | 'host_key_mismatch' | 'proxy_failed'

export interface PreflightStep {
  label: string
  kind: 'script' | 'file'
  /** The blocking rules the script matches: the run would be refused. */
  blockedBy?: string[]
  warnings?: string[]
  /** Why the step could not be prepared (a deleted script or file). */
  error?: string
  /** all | prev_succeeded | prev_failed: the hosts of the step before it runs on. */
  hosts?: string
  runAs?: string | null
}

export interface PreflightTarget {
  id: string
  name: string
  address: string
  /** The proxies in front of the target, first hop first. */
  via: string[]
  result: PreflightResult
  message: string | null
}

export interface Preflight {
  /** The task's or the script's name. */
  name: string
  steps: PreflightStep[]
  targets: PreflightTarget[]
  summary: { targets: number; reachable: number; failing: number; blocked: boolean }
  /** By parameter name (an ad hoc run) or "step index.name" (a task), as a run would refuse them. */
  parameterErrors?: Record<string, string>
  /** Why no target would be reached: none chosen, gone, or no host carries the labels. */
  targetError?: string
}

const checkConcurrency = 20
const connectTimeoutMs = 10_000

/** The pre-flight of a task run as "Run now" would queue it, with the parameter values typed there. */
export async function preflightTask(
  scope: Pick<Scope, 'tenantId'>,
  taskId: string,
  overrides: Record<string, Record<string, string>> = {},
): Promise<Preflight | null> {
  const task = await db.task.findFirst({
    where: { id: taskId, tenantId: scope.tenantId },
    include: { steps: { orderBy: { position: 'asc' } }, targets: { select: { targetId: true } } },
  })
  if (!task) return null
  const rules = await listEnabledRules(scope)
  const steps: PreflightStep[] = []
  const parameterErrors: Record<string, string> = {}
  for (const [i, step] of task.steps.entries()) {
    // A confirmation runs nothing on a host: nothing to check. The step before a listed step is
    // then the script or file step whose hosts a run's "previous step" means.
    if (step.kind === 'confirm') continue
    const placement = { hosts: step.hosts, runAs: step.runAs }
    if (step.kind === 'file') {
      const files = await storedFileRefs(scope, JSON.parse(step.files) as string[])
      steps.push(
        files.ok
          ? { kind: 'file', label: `Upload ${files.refs.map((f) => f.name).join(', ')}`, ...placement }
          : { kind: 'file', label: `Step ${i + 1}`, error: files.error, ...placement },
      )
      continue
    }
    const checked = await checkScriptStep(scope, rules, {
      scriptId: step.scriptId!,
      version: step.scriptVersion,
      parameters: JSON.parse(step.parameters) as Record<string, string>,
      overrides: overrides[String(i)],
      continueOnFailure: step.continueOnFailure,
      sealed: true,
    })
    steps.push({ ...checked.step, ...placement })
    for (const [name, e] of Object.entries(checked.parameters ?? {})) parameterErrors[`${i}.${name}`] = e
  }
  const resolved = await resolveRunTargets(scope, {
    targetIds: task.targets.map((t) => t.targetId),
    labels: JSON.parse(task.labels) as string[],
  })
  return finish(scope, task.name, steps, resolved, parameterErrors)
}

/** The pre-flight of "Run this script" with the current selection; null when the script is not the tenant's. */
export async function preflightScriptRun(
  scope: Pick<Scope, 'tenantId'>,
  { scriptId, targetIds, labels, parameters }: Omit<StartScriptRunInput, 'tenant'>,
): Promise<Preflight | null> {
  const rules = await listEnabledRules(scope)
  const checked = await checkScriptStep(scope, rules, { scriptId, version: null, parameters, continueOnFailure: false })
  if (checked.missing) return null
  const resolved = await resolveRunTargets(scope, { targetIds, labels })
  return finish(scope, checked.name, [checked.step], resolved, checked.parameters ?? {})
}

async function finish(
  scope: Pick<Scope, 'tenantId'>,
  name: string,
  steps: PreflightStep[],
  resolved: Awaited<ReturnType<typeof resolveRunTargets>>,
  parameterErrors: Record<string, string>,
): Promise<Preflight> {
  const targets = resolved.ok ? await checkTargets(scope, resolved.targets) : []
  const reachable = targets.filter((t) => t.result === 'ok' || t.result === 'unknown_host_key').length
  return {
    name,
    steps,
    targets,
    summary: {
      targets: targets.length,
      reachable,
      failing: targets.length - reachable,
      blocked: steps.some((s) => s.blockedBy?.length),
    },
    ...(Object.keys(parameterErrors).length ? { parameterErrors } : {}),
    ...(resolved.ok ? {} : { targetError: resolved.error }),
  }
}

const ruleMessage = (m: DangerMatch) => `Line ${m.line} ${verdict(m)}: ${m.text}`

/**
 * A script step's version (pinned, or the latest) against the tenant's rules, then bound to
 * its parameter values exactly as a run would bind them. A blocked step is not bound: it
 * would never run.
 */
async function checkScriptStep(
  scope: Pick<Scope, 'tenantId'>,
  rules: DangerRuleLike[],
  input: Parameters<typeof buildScriptStep>[1],
): Promise<{ name: string; step: PreflightStep; parameters?: Record<string, string>; missing?: true }> {
  const version = await db.scriptVersion.findFirst({
    where: {
      tenantId: scope.tenantId,
      scriptId: input.scriptId,
      ...(input.version === null ? {} : { version: input.version }),
    },
    orderBy: { version: 'desc' },
    select: { version: true, content: true, script: { select: { name: true } } },
  })
  if (!version) {
    const error = 'The script or the version this step runs no longer exists.'
    return { name: '', step: { kind: 'script', label: 'Missing script', error }, missing: true }
  }
  const { blocked, warnings } = partitionMatches(checkScript(version.content, rules))
  const step: PreflightStep = {
    kind: 'script',
    label: `${version.script.name} v${version.version}`,
    ...(blocked.length ? { blockedBy: blocked.map(ruleMessage) } : {}),
    ...(warnings.length ? { warnings: warnings.map(ruleMessage) } : {}),
  }
  const name = version.script.name
  if (blocked.length) return { name, step }
  const built = await buildScriptStep(scope, input)
  if (built.ok) return { name, step }
  if ('parameters' in built) return { name, step, parameters: built.parameters }
  return { name, step: { ...step, error: built.error } }
}

function checkTargets(scope: Pick<Scope, 'tenantId'>, targets: SnapshotTarget[]) {
  // Runs and checks of this process share its engine's SSH connection cap.
  const slots = engineVitals()[0]?.sshSlots
  return mapWithConcurrency(targets, checkConcurrency, async (target) => {
    const release = await slots?.acquire()
    try {
      return await checkTarget(scope, target)
    } finally {
      release?.()
    }
  })
}

/**
 * Opens the target's connection through its proxies and closes it at once: no command, no
 * SFTP. A host key seen for the first time is reported, not stored: a run would trust it.
 */
async function checkTarget(scope: Pick<Scope, 'tenantId'>, target: SnapshotTarget): Promise<PreflightTarget> {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host
  const base = { id: target.id, name: target.name, address: `${host}:${target.port}`, via: [] as string[] }
  let resolved
  try {
    resolved = await resolveEndpoint(scope, 'target', target.id)
  } catch (error) {
    const message = error instanceof Error ? error.message : 'The credential could not be read'
    return { ...base, result: 'proxy_failed', message }
  }
  if (!resolved) return { ...base, result: 'unreachable', message: 'The target no longer exists.' }
  const via = resolved.proxies.map((p) => p.label)
  const hops = [...resolved.proxies, resolved.target]
  const untrusted: string[] = []
  try {
    const conn = await connect({
      ...resolved,
      connectTimeoutMs,
      onHostKey: (endpointId, fingerprint) => {
        const hop = hops.find((h) => h.id === endpointId)
        const what = hop === resolved.target ? 'The target' : `Proxy ${hop?.label}`
        untrusted.push(`${what} presents a host key not trusted yet (${fingerprint})`)
      },
    })
    await conn.close()
  } catch (error) {
    if (!(error instanceof SshError)) throw error
    return { ...base, via, result: error.kind === 'protocol' ? 'unreachable' : error.kind, message: error.message }
  }
  if (!untrusted.length) return { ...base, via, result: 'ok', message: null }
  const message = `${untrusted.join('; ')}. A run would trust ${untrusted.length > 1 ? 'them' : 'it'} on first use.`
  return { ...base, via, result: 'unknown_host_key', message }
}
