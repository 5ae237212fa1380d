import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import type { GateStatus, LiveGate, LiveRun, LiveTargetRun } from './live'
import { heldPerKey, sharedRead } from './shared-read'
import type { TargetRunStatus } from './statuses'

// A run's state as its live views show it, read once for all of them (lib/runs/shared-read.ts),
// each row's JSON made once: fifty people watching a 400-target run cost the database and the
// server about what one does.

export interface LiveState {
  run: LiveRun
  runJson: string
  targets: { row: LiveTargetRun; json: string }[]
}

const states = heldPerKey<(since: number) => Promise<LiveState>>()

/**
 * A view's handle on the run's shared state: read(since) gives the state as read after the
 * mark `since`, release() when the view ends.
 */
export function watchLiveState(scope: Pick<Scope, 'tenantId'>, runId: string) {
  // Keyed by tenant too: a run id of another tenant reads nothing of this one's.
  const { value: read, release } = states(`${scope.tenantId}\0${runId}`, () =>
    sharedRead(() => readState(scope, runId)),
  )
  return { read, release }
}

async function readState(scope: Pick<Scope, 'tenantId'>, runId: string): Promise<LiveState> {
  const [run, targets] = await Promise.all([readLiveRun(scope, runId), readLiveTargetRuns(scope, runId)])
  return { run, runJson: JSON.stringify(run), targets: targets.map((row) => ({ row, json: JSON.stringify(row) })) }
}

/** The run's state as the live view shows it (scope first, as every tenant query). */
export async function readLiveRun(scope: Pick<Scope, 'tenantId'>, runId: string): Promise<LiveRun> {
  const run = await db.run.findFirstOrThrow({
    where: { id: runId, tenantId: scope.tenantId },
    select: {
      status: true,
      error: true,
      cancelRequestedAt: true,
      startedAt: true,
      finishedAt: true,
      gates: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: {
          key: true,
          stepIndex: true,
          batch: true,
          message: true,
          status: true,
          createdAt: true,
          timeoutAt: true,
          decidedAt: true,
          decidedByType: true,
          decidedByLabel: true,
          comment: true,
        },
      },
    },
  })
  return {
    status: run.status as TargetRunStatus,
    error: run.error,
    cancelRequested: run.cancelRequestedAt !== null,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    gates: run.gates.map(({ decidedByType, decidedByLabel, ...g }) => ({
      ...g,
      status: g.status as GateStatus,
      createdAt: g.createdAt.toISOString(),
      timeoutAt: g.timeoutAt?.toISOString() ?? null,
      decidedAt: g.decidedAt?.toISOString() ?? null,
      decidedBy: decidedByType
        ? { type: decidedByType as NonNullable<LiveGate['decidedBy']>['type'], label: decidedByLabel ?? decidedByType }
        : null,
    })),
  }
}

export async function readLiveTargetRuns(scope: Pick<Scope, 'tenantId'>, runId: string): Promise<LiveTargetRun[]> {
  const rows = await db.targetRun.findMany({
    where: { runId, tenantId: scope.tenantId },
    orderBy: [{ stepIndex: 'asc' }, { targetName: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      stepIndex: true,
      batch: true,
      targetId: true,
      targetName: true,
      status: true,
      exitCode: true,
      error: true,
      outputHash: true,
      stdoutBytes: true,
      stderrBytes: true,
      stdoutDropped: true,
      stderrDropped: true,
      startedAt: true,
      finishedAt: true,
    },
  })
  return rows.map((r) => ({
    ...r,
    status: r.status as TargetRunStatus,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  }))
}
