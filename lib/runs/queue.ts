import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { wakeEngines } from '@/lib/engine/engine'
import { type RunSnapshot, stepLabel } from '@/lib/engine/snapshot'
import type { StartScriptRunInput } from './schema'
import { buildScriptStep } from './steps'
import { resolveRunTargets } from './targets'

/** Who or what started a run: shown on the run and in the run lists. */
export interface Trigger {
  type: 'user' | 'schedule' | 'token' | 'webhook'
  id: string | null
  label: string
}

/** Refused: `error` concerns the script; `fields` lists every wrong choice at once. */
export type QueueResult =
  | { ok: true; runId: string; targets: number }
  | { ok: false; error: string }
  | { ok: false; fields: { targets?: string; parameters?: Record<string, string> } }

/**
 * Inserts a queued run with its snapshot (ARCHITECTURE.md decision 5) and wakes this
 * process's engines; any server's engine may claim it.
 */
export async function insertRun(
  scope: Pick<Scope, 'tenantId'>,
  run: {
    kind: 'script' | 'task'
    scriptId?: string | null
    taskId?: string | null
    rerunOfId?: string | null
    snapshot: RunSnapshot
  },
  trigger: Trigger,
) {
  const scriptIds = new Set(run.snapshot.steps.flatMap((s) => (s.kind === 'script' ? [s.scriptId] : [])))
  const created = await db.run.create({
    data: {
      tenantId: scope.tenantId,
      kind: run.kind,
      scriptId: run.scriptId ?? null,
      taskId: run.taskId ?? null,
      rerunOfId: run.rerunOfId ?? null,
      title: run.snapshot.steps.map(stepLabel).join(', '),
      scripts: { create: [...scriptIds].map((scriptId) => ({ scriptId, tenantId: scope.tenantId })) },
      snapshot: JSON.stringify(run.snapshot),
      triggeredByType: trigger.type,
      triggeredById: trigger.id,
      triggeredByLabel: trigger.label,
    },
    select: { id: true },
  })
  wakeEngines()
  return created.id
}

/**
 * Queues a one-off run of a script's latest version (PRODUCT.md §1, "Run this script"):
 * the snapshot freezes the version's content and hash, the parameter values (secrets as
 * envelopes), the target addresses and encodings, and the limits.
 */
export async function queueScriptRun(
  scope: Scope,
  { scriptId, targetIds, labels, parameters, ...limits }: Omit<StartScriptRunInput, 'tenant'>,
  trigger: Trigger,
): Promise<QueueResult> {
  const built = await buildScriptStep(scope, { scriptId, version: null, parameters, continueOnFailure: false })
  if (!built.ok && 'error' in built) return { ok: false, error: built.missing ? 'Not found.' : built.error }
  const resolved = await resolveRunTargets(scope, { targetIds, labels })
  if (!built.ok || !resolved.ok) {
    return {
      ok: false,
      fields: {
        parameters: built.ok ? undefined : built.parameters,
        targets: resolved.ok ? undefined : resolved.error,
      },
    }
  }
  const snapshot = { steps: [built.step], targets: resolved.targets, limits }
  const runId = await insertRun(scope, { kind: 'script', scriptId, snapshot }, trigger)
  return { ok: true, runId, targets: resolved.targets.length }
}
