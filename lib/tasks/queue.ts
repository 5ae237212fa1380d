import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import type { RunSnapshot, StepHosts } from '@/lib/engine/snapshot'
import { recordTaskRun } from '@/lib/engine/task-status'
import { insertRun, type QueueResult, type Trigger } from '@/lib/runs/queue'
import { buildScriptStep } from '@/lib/runs/steps'
import { type ResolveResult, resolveRunTargets } from '@/lib/runs/targets'
import { storedFileRefs } from './files'
import { readConfirmStep, snapshotRollout } from './safety-columns'

/**
 * Queues a run of a task as it is now: each script step's version (pinned, or the latest),
 * its stored parameter values with `overrides` (by step index, then name; plain text) on
 * top, each file step's files, each confirmation, the targets and the labels resolved now,
 * the limits and the rollout (left out without batches). Used by "Run now", the scheduler
 * and the API alike; the API may narrow the targets to `onlyTargetIds`, which must all be
 * among the task's.
 */
export async function queueTaskRun(
  scope: Pick<Scope, 'tenantId'>,
  taskId: string,
  trigger: Trigger,
  overrides: Record<string, Record<string, string>> = {},
  onlyTargetIds?: string[],
): Promise<QueueResult> {
  const task = await db.task.findFirst({
    where: { id: taskId, tenantId: scope.tenantId },
    include: { steps: { orderBy: { position: 'asc' } }, targets: { select: { targetId: true } } },
  })
  if (!task) return { ok: false, error: 'Not found.' }
  const steps: RunSnapshot['steps'] = []
  const parameterErrors: Record<string, string> = {}
  for (const [i, step] of task.steps.entries()) {
    if (step.kind === 'confirm') {
      const { name, confirmation } = readConfirmStep(step.confirm)
      steps.push({ kind: 'confirm', name: name || 'Confirmation', confirmation })
      continue
    }
    if (step.kind === 'file') {
      const files = await storedFileRefs(scope, JSON.parse(step.files) as string[])
      if (!files.ok) return { ok: false, error: `Step ${i + 1}: ${files.error}` }
      steps.push({
        kind: 'file',
        name: `Upload ${files.refs.map((f) => f.name).join(', ')}`,
        files: files.refs,
        remoteDir: step.remoteDir!,
        mode: step.mode!,
        continueOnFailure: step.continueOnFailure,
        hosts: step.hosts as StepHosts,
      })
      continue
    }
    const built = await buildScriptStep(scope, {
      scriptId: step.scriptId!,
      version: step.scriptVersion,
      parameters: JSON.parse(step.parameters) as Record<string, string>,
      overrides: overrides[String(i)],
      continueOnFailure: step.continueOnFailure,
      hosts: step.hosts as StepHosts,
      runAs: step.runAs,
      sealed: true,
    })
    if (built.ok) steps.push(built.step)
    else if ('error' in built) return { ok: false, error: `Step ${i + 1}: ${built.error}` }
    else for (const [name, e] of Object.entries(built.parameters)) parameterErrors[`${i}.${name}`] = e
  }
  const resolved = narrowTargets(
    await resolveRunTargets(scope, {
      targetIds: task.targets.map((t) => t.targetId),
      labels: JSON.parse(task.labels) as string[],
    }),
    onlyTargetIds,
  )
  if (Object.keys(parameterErrors).length || !resolved.ok) {
    return {
      ok: false,
      fields: {
        parameters: Object.keys(parameterErrors).length ? parameterErrors : undefined,
        targets: resolved.ok ? undefined : resolved.error,
      },
    }
  }
  const rollout = snapshotRollout(task.rollout)
  const snapshot: RunSnapshot = {
    steps,
    targets: resolved.targets,
    limits: {
      parallelism: task.parallelism,
      timeoutSeconds: task.timeoutSeconds,
      maxFailedCount: task.maxFailedCount,
      maxFailedPercent: task.maxFailedPercent,
    },
    ...(rollout ? { rollout } : {}),
  }
  const runId = await insertRun(scope, { kind: 'task', taskId: task.id, snapshot }, trigger)
  await recordTaskRun(task.id, runId)
  return { ok: true, runId, targets: resolved.targets.length }
}

function narrowTargets(resolved: ResolveResult, ids: string[] | undefined): ResolveResult {
  if (!resolved.ok || !ids) return resolved
  const chosen = new Set(ids)
  const targets = resolved.targets.filter((t) => chosen.has(t.id))
  const foreign = chosen.size - targets.length
  if (foreign) return { ok: false, error: `${foreign} of the chosen targets are not targets of this task.` }
  if (!targets.length) return { ok: false, error: 'Choose at least one target.' }
  return { ok: true, targets }
}
