// How a run's page lays out its rollout and names its confirmations. Pure, no server
// imports: the page's client components run it on every live update. The batches come from
// lib/engine/rollout's plan, the same one the engine follows.
import { batchSizes, type Confirmation, type Rollout, runPlan } from '@/lib/engine/rollout'
import type { LiveGate, LiveRun, LiveTargetRun } from './live'
import { isLive, type TargetRunStatus, targetRunStatuses } from './statuses'

/** What the page knows of the run's plan from its snapshot. */
export interface RunPlanInfo {
  steps: { kind: string; label: string; confirmation?: Confirmation }[]
  rollout: Rollout | null
  targetCount: number
}

export const batchStates = ['done', 'running', 'waiting', 'not_started', 'stopped'] as const
export type BatchState = (typeof batchStates)[number]

export const batchStateLabels: Record<BatchState, string> = {
  done: 'Done',
  running: 'Running',
  waiting: 'Waiting for confirmation',
  not_started: 'Not started',
  stopped: 'Stopped',
}

export interface RolloutRow {
  key: string
  /** "Canary", "Batch 2"; with batches per step, "Step 1 · Batch 2". */
  label: string
  hosts: number
  counts: { status: TargetRunStatus; count: number }[]
  state: BatchState
}

/** Batch 1 is the canary when the rollout has one. */
export function batchName(batch: number, rollout: Rollout | null): string {
  return batch === 1 && rollout?.canary ? 'Canary' : `Batch ${batch}`
}

const unfinished = (status: string) => status === 'queued' || status === 'running'

/**
 * One row per batch (per step and batch when each step rolls out on its own), in the
 * order the engine runs them, with the target-runs' counts by status and where it stands.
 */
export function rolloutRows(
  plan: RunPlanInfo,
  run: Pick<LiveRun, 'status' | 'gates'>,
  targetRuns: LiveTargetRun[],
): RolloutRow[] {
  const { rollout } = plan
  if (!rollout || rollout.mode === 'off') return []
  const sizes = batchSizes(plan.targetCount, rollout)
  const waitingKey = run.status === 'waiting' ? run.gates.findLast((g) => g.status === 'waiting')?.key : undefined
  const perStep = rollout.mode === 'steps'
  const rows = new Map<string, { stepIndex: number; batch: number; waiting: boolean }>()
  // A gate stands before the next work the plan does: that batch is the one waiting.
  let waitingNext = false
  for (const phase of runPlan(plan.steps, rollout, sizes.length)) {
    if (phase.kind === 'gate' && phase.key === waitingKey) waitingNext = true
    if (phase.kind !== 'run') continue
    const key = perStep ? `${phase.stepIndex}:${phase.batch}` : `${phase.batch}`
    const row = rows.get(key) ?? { stepIndex: phase.stepIndex, batch: phase.batch, waiting: false }
    row.waiting ||= waitingNext
    waitingNext = false
    rows.set(key, row)
  }
  const live = isLive(run.status)
  return [...rows].map(([key, row]) => {
    const mine = targetRuns.filter((t) => t.batch === row.batch && (!perStep || t.stepIndex === row.stepIndex))
    const counts = targetRunStatuses
      .map((status) => ({ status, count: mine.filter((t) => t.status === status).length }))
      .filter((c) => c.count > 0)
    const name = batchName(row.batch, rollout)
    return {
      key,
      label: perStep ? `Step ${row.stepIndex + 1} · ${name}` : name,
      hosts: sizes[row.batch - 1] ?? 0,
      counts,
      state: row.waiting ? 'waiting' : batchState(mine, live),
    }
  })
}

function batchState(targetRuns: LiveTargetRun[], live: boolean): BatchState {
  if (targetRuns.some((t) => t.status === 'running')) return 'running'
  const finished = targetRuns.filter((t) => !unfinished(t.status))
  // Every target-run over, yet none ever started: the rollout stopped before this batch.
  if (targetRuns.length && finished.length === targetRuns.length)
    return targetRuns.some((t) => t.startedAt !== null) ? 'done' : 'stopped'
  if (!live) return 'stopped'
  return finished.length ? 'running' : 'not_started'
}

/** Where a confirmation stands in the run: "Step 2 (Approve)", "Before Batch 3", "Before Step 1 · Canary". */
export function gatePlace(gate: Pick<LiveGate, 'stepIndex' | 'batch'>, plan: RunPlanInfo): string {
  const step = plan.steps[gate.stepIndex]
  const stepName = `Step ${gate.stepIndex + 1}${step ? ` (${step.label})` : ''}`
  const batch = gate.batch ? batchName(gate.batch, plan.rollout) : null
  if (step?.kind === 'confirm') return batch ? `${stepName}, ${batch}` : stepName
  if (!batch) return `Before ${stepName}`
  return plan.rollout?.mode === 'steps' ? `Before ${stepName} on ${batch}` : `Before ${batch}`
}
