import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import type { TargetRunStatus } from '@/lib/runs/statuses'

/** How many recent runs the task page charts. */
export const RECENT_RUNS = 50

/** A run counts towards a failure streak when it failed by itself; a cancel is someone's choice. */
const failures = ['failed', 'timed_out']
/** Finished runs that end a streak. Live runs neither count nor end one: they have no result yet. */
const nonFailures = ['succeeded', 'cancelled', 'interrupted']

export interface TaskRunDuration {
  id: string
  status: TargetRunStatus
  createdAt: Date
  startedAt: Date | null
  finishedAt: Date | null
  /** From start to end, or to now while it runs; null until it starts. */
  durationMs: number | null
}

export interface FailureStreak {
  /** How many of the latest finished runs failed, one after another. */
  count: number
  latestRunId: string
}

/**
 * The task's last RECENT_RUNS runs, oldest first (the order a chart reads), with how long
 * each took. Scope first, tenantId in every where.
 */
export async function recentRunDurations(
  scope: Pick<Scope, 'tenantId'>,
  taskId: string,
  now = new Date(),
): Promise<TaskRunDuration[]> {
  const rows = await db.run.findMany({
    where: { tenantId: scope.tenantId, taskId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: RECENT_RUNS,
    select: { id: true, status: true, createdAt: true, startedAt: true, finishedAt: true },
  })
  return rows.reverse().map((r) => ({
    ...r,
    status: r.status as TargetRunStatus,
    durationMs: r.startedAt ? (r.finishedAt ?? now).getTime() - r.startedAt.getTime() : null,
  }))
}

/**
 * The failures since the task's latest finished run that did not fail, when there are at
 * least `min` of them: counted over all the task's runs, so a streak longer than the chart
 * is told in full.
 */
export async function failureStreak(
  scope: Pick<Scope, 'tenantId'>,
  taskId: string,
  min = 3,
): Promise<FailureStreak | null> {
  const { tenantId } = scope
  const lastGood = await db.run.findFirst({
    where: { tenantId, taskId, status: { in: nonFailures } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { createdAt: true },
  })
  const where = {
    tenantId,
    taskId,
    status: { in: failures },
    ...(lastGood ? { createdAt: { gt: lastGood.createdAt } } : {}),
  }
  const [count, latest] = await Promise.all([
    db.run.count({ where }),
    db.run.findFirst({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } }),
  ])
  return latest && count >= min ? { count, latestRunId: latest.id } : null
}
