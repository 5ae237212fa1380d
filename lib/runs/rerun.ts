import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { runSnapshotSchema } from '@/lib/engine/snapshot'
import { recordTaskRun } from '@/lib/engine/task-status'
import { insertRun, type Trigger } from './queue'
import { isLive } from './statuses'

export type RerunResult =
  { ok: true; runId: string; taskId: string | null; targets: number } | { ok: false; error: string }

/**
 * Queues a run of the same snapshot — the same script versions, parameter values and
 * limits — on all of the original's targets or only on those that did not succeed in
 * every step, linked to the original. Targets go as they were addressed then.
 */
export async function rerun(
  scope: Pick<Scope, 'tenantId'>,
  runId: string,
  only: 'all' | 'failed',
  trigger: Trigger,
): Promise<RerunResult> {
  const run = await db.run.findFirst({
    where: { id: runId, tenantId: scope.tenantId },
    select: {
      kind: true,
      taskId: true,
      scriptId: true,
      status: true,
      snapshot: true,
      targetRuns: { where: { status: { not: 'succeeded' } }, select: { targetId: true } },
    },
  })
  if (!run) return { ok: false, error: 'Not found.' }
  const snapshot = runSnapshotSchema.parse(JSON.parse(run.snapshot))
  if (only === 'failed') {
    if (isLive(run.status)) return { ok: false, error: 'Wait until the run ends to re-run its failed targets.' }
    const failed = new Set(run.targetRuns.map((t) => t.targetId))
    snapshot.targets = snapshot.targets.filter((t) => failed.has(t.id))
    if (!snapshot.targets.length) return { ok: false, error: 'No target failed in this run.' }
  }
  const kind = run.kind === 'task' ? 'task' : 'script'
  const newRunId = await insertRun(
    scope,
    { kind, taskId: run.taskId, scriptId: run.scriptId, rerunOfId: runId, snapshot },
    trigger,
  )
  if (run.taskId) await recordTaskRun(run.taskId, newRunId)
  return { ok: true, runId: newRunId, taskId: run.taskId, targets: snapshot.targets.length }
}
