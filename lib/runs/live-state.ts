import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { onRunChanged } from '@/lib/engine/run-events'
import type { GateStatus, LiveGate, LiveRun, LiveTargetRun } from './live'
import type { TargetRunStatus } from './statuses'

// A run's state as its live views show it, read once for all of them: every view of a run
// in this process that asks while no change was announced since a read began (and within
// MAX_AGE_MS of it) shares that read, and each row's JSON is made once. Fifty people
// watching a 400-target run cost the database and the server what one does.

const MAX_AGE_MS = 100

export interface LiveState {
  run: LiveRun
  runJson: string
  targets: { row: LiveTargetRun; json: string }[]
}

interface Shared {
  views: number
  /** Announced changes so far; a read begun before the latest is stale. */
  changes: number
  read: { changes: number; at: number; state: Promise<LiveState> } | null
  unsubscribe: () => void
}

const shared = new Map<string, Shared>()

/**
 * A view's handle on the run's shared state: read() gives the state as of now (or of a
 * read just begun with no change since), release() when the view ends.
 */
export function watchLiveState(scope: Pick<Scope, 'tenantId'>, runId: string) {
  // Keyed by tenant too: a run id of another tenant reads nothing of this one's.
  const key = `${scope.tenantId}\0${runId}`
  let entry = shared.get(key)
  if (!entry) {
    const created: Shared = { views: 0, changes: 0, read: null, unsubscribe: () => {} }
    created.unsubscribe = onRunChanged(runId, () => void created.changes++)
    shared.set(key, (entry = created))
  }
  const mine = entry
  mine.views++
  let released = false
  return {
    read(): Promise<LiveState> {
      const last = mine.read
      if (last && last.changes === mine.changes && Date.now() - last.at < MAX_AGE_MS) return last.state
      const state = readState(scope, runId)
      mine.read = { changes: mine.changes, at: Date.now(), state }
      // A failed read is not kept for the others.
      state.catch(() => {
        if (mine.read?.state === state) mine.read = null
      })
      return state
    },
    release() {
      if (released) return
      released = true
      if (--mine.views > 0) return
      mine.unsubscribe()
      shared.delete(key)
    },
  }
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
