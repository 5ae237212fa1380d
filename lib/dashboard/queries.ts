import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db, provider } from '@/lib/db'
import { liveStatuses, runStatuses } from '@/lib/runs/statuses'
import { type EndpointStatus, endpointStatuses } from '@/lib/targets/schema'
import { dashboardWindow, type DashboardWindow, percentile } from './window'

type RunStatus = (typeof runStatuses)[number]

/**
 * What counts as a failure on the dashboard: ended without success, and not by anyone's choice
 * (cancelled and skipped are not failures). connect_failed only happens to target-runs.
 */
export const failureStatuses = ['failed', 'timed_out', 'interrupted', 'connect_failed']
const finishedStatuses: string[] = runStatuses.filter((s) => s !== 'queued' && s !== 'running')

/** Durations are worked out in JS over at most this many of the window's newest finished runs. */
const DURATION_SAMPLE = 10_000
const TOP = 10
const LIVE_SHOWN = 10

type Tenant = Pick<Scope, 'tenantId'>

/** Runs per UTC day and status, counted by the database: one row per (day, status) that has runs. */
async function runsPerDay({ tenantId }: Tenant, since: Date) {
  const rows =
    provider === 'postgresql'
      ? await db.$queryRaw<{ day: string; status: string; n: bigint | number }[]>`
          SELECT to_char("createdAt", 'YYYY-MM-DD') AS day, "status", COUNT(*) AS n FROM "Run"
          WHERE "tenantId" = ${tenantId} AND "createdAt" >= ${since} GROUP BY 1, 2`
      : // SQLite keeps DateTime as ISO 8601 text in UTC: its first ten characters are the day.
        await db.$queryRaw<{ day: string; status: string; n: bigint | number }[]>`
          SELECT substr("createdAt", 1, 10) AS day, "status", COUNT(*) AS n FROM "Run"
          WHERE "tenantId" = ${tenantId} AND "createdAt" >= ${since} GROUP BY 1, 2`
  return rows.map((r) => ({ day: r.day, status: r.status, count: Number(r.n) }))
}

async function runDurations({ tenantId }: Tenant, since: Date) {
  const rows = await db.run.findMany({
    where: {
      tenantId,
      createdAt: { gte: since },
      status: { in: finishedStatuses },
      startedAt: { not: null },
      finishedAt: { not: null },
    },
    orderBy: { createdAt: 'desc' },
    take: DURATION_SAMPLE,
    select: { startedAt: true, finishedAt: true },
  })
  const ms = rows.map((r) => r.finishedAt!.getTime() - r.startedAt!.getTime()).sort((a, b) => a - b)
  // Whole milliseconds: the database keeps no finer time, and 44999.99999999996 helps no one.
  const at = (p: number) => {
    const value = percentile(ms, p)
    return value === null ? null : Math.round(value)
  }
  return { sampled: ms.length, medianMs: at(0.5), p95Ms: at(0.95) }
}

async function failingTargets({ tenantId }: Tenant, since: Date) {
  const groups = await db.targetRun.groupBy({
    by: ['targetId'],
    where: { tenantId, createdAt: { gte: since }, status: { in: failureStatuses } },
    _count: { _all: true },
    orderBy: [{ _count: { targetId: 'desc' } }, { targetId: 'asc' }],
    take: TOP,
  })
  const ids = groups.map((g) => g.targetId)
  const targets = await db.target.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, name: true } })
  const current = new Map(targets.map((t) => [t.id, t.name]))
  // A target deleted since keeps the name its target-runs recorded, without a page to link to.
  const gone = ids.filter((id) => !current.has(id))
  const recorded = gone.length
    ? await db.targetRun.findMany({
        where: { tenantId, targetId: { in: gone } },
        distinct: ['targetId'],
        select: { targetId: true, targetName: true },
      })
    : []
  const names = new Map(recorded.map((r) => [r.targetId, r.targetName]))
  return groups.map((g) => ({
    id: g.targetId,
    name: current.get(g.targetId) ?? names.get(g.targetId) ?? g.targetId,
    exists: current.has(g.targetId),
    failures: g._count._all,
  }))
}

async function failingTasks({ tenantId }: Tenant, since: Date) {
  const groups = await db.run.groupBy({
    by: ['taskId'],
    where: { tenantId, taskId: { not: null }, createdAt: { gte: since }, status: { in: failureStatuses } },
    _count: { _all: true },
    orderBy: [{ _count: { taskId: 'desc' } }, { taskId: 'asc' }],
    take: TOP,
  })
  const ids = groups.map((g) => g.taskId!)
  const tasks = await db.task.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, name: true } })
  const names = new Map(tasks.map((t) => [t.id, t.name]))
  return groups.map((g) => ({
    id: g.taskId!,
    name: names.get(g.taskId!) ?? null,
    failures: g._count._all,
  }))
}

async function targetsByStatus({ tenantId }: Tenant) {
  const groups = await db.target.groupBy({ by: ['status'], where: { tenantId }, _count: { _all: true } })
  const counts = Object.fromEntries(endpointStatuses.map((s) => [s, 0])) as Record<EndpointStatus, number>
  for (const g of groups) {
    const status = (endpointStatuses as readonly string[]).includes(g.status) ? (g.status as EndpointStatus) : 'unknown'
    counts[status] += g._count._all
  }
  return counts
}

function nextFires({ tenantId }: Tenant) {
  return db.task.findMany({
    where: { tenantId, enabled: true, nextRunAt: { not: null } },
    orderBy: [{ nextRunAt: 'asc' }, { name: 'asc' }],
    take: TOP,
    select: { id: true, name: true, nextRunAt: true, cron: true, timezone: true },
  })
}

/** The tenant's queued, running and waiting runs, newest first: the few shown and how many there are. */
export async function liveRuns({ tenantId }: Tenant) {
  const where = { tenantId, status: { in: liveStatuses } }
  const [rows, total] = await Promise.all([
    db.run.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: LIVE_SHOWN,
      select: { id: true, title: true, status: true, taskId: true, createdAt: true, startedAt: true },
    }),
    db.run.count({ where }),
  ])
  return { rows, total }
}

function summarise(window: DashboardWindow, perDay: { day: string; status: string; count: number }[]) {
  const days = window.days.map((day) => ({ day, counts: {} as Partial<Record<RunStatus, number>> }))
  const byDay = new Map(days.map((d) => [d.day, d.counts]))
  let total = 0
  let finished = 0
  let succeeded = 0
  for (const { day, status, count } of perDay) {
    const counts = byDay.get(day)
    // A run queued a moment past midnight UTC while this page was rendering: tomorrow's bar.
    if (!counts) continue
    counts[status as RunStatus] = (counts[status as RunStatus] ?? 0) + count
    total += count
    if (finishedStatuses.includes(status)) finished += count
    if (status === 'succeeded') succeeded += count
  }
  return { days, total, finished, succeeded, successRate: finished ? succeeded / finished : null }
}

/**
 * Everything on the tenant home (PRODUCT.md §9) for the 30 UTC days up to now (today included):
 * runs per day by status, success rate (succeeded over finished runs), median and p95
 * duration, the most failing targets (by failed target-runs) and tasks (by failed runs),
 * targets by connection status, the next scheduled fires and the runs in progress.
 */
export async function tenantDashboard(scope: Tenant, now = new Date()) {
  const window = dashboardWindow(now)
  const [perDay, durations, targets, tasks, statuses, fires, live] = await Promise.all([
    runsPerDay(scope, window.since),
    runDurations(scope, window.since),
    failingTargets(scope, window.since),
    failingTasks(scope, window.since),
    targetsByStatus(scope),
    nextFires(scope),
    liveRuns(scope),
  ])
  return {
    window,
    runs: summarise(window, perDay),
    durations,
    failingTargets: targets,
    failingTasks: tasks,
    targetsByStatus: statuses,
    nextFires: fires,
    live,
  }
}

export type TenantDashboard = Awaited<ReturnType<typeof tenantDashboard>>
