import 'server-only'
import { db } from '@/lib/db'
import { failureStatuses } from './queries'
import { startOfUtcDay } from './window'

type Counts = { tenantId: string; _count: { _all: number } }[]
const byTenant = (groups: Counts) => new Map(groups.map((g) => [g.tenantId, g._count._all]))

/**
 * The system admin home's table (PRODUCT.md §9): every tenant with its targets, tasks, and the
 * runs queued today (UTC) and how many of them failed. Platform-wide, for system admins only:
 * the caller (the admin layout) has checked that.
 */
export async function tenantCounts(now = new Date()) {
  const today = { gte: startOfUtcDay(now) }
  const [tenants, targets, tasks, runs, failures] = await Promise.all([
    db.tenant.findMany({ orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true, disabled: true } }),
    db.target.groupBy({ by: ['tenantId'], _count: { _all: true } }),
    db.task.groupBy({ by: ['tenantId'], _count: { _all: true } }),
    db.run.groupBy({ by: ['tenantId'], where: { createdAt: today }, _count: { _all: true } }),
    db.run.groupBy({
      by: ['tenantId'],
      where: { createdAt: today, status: { in: failureStatuses } },
      _count: { _all: true },
    }),
  ])
  const [t, k, r, f] = [targets, tasks, runs, failures].map(byTenant)
  return tenants.map((tenant) => ({
    ...tenant,
    targets: t.get(tenant.id) ?? 0,
    tasks: k.get(tenant.id) ?? 0,
    runsToday: r.get(tenant.id) ?? 0,
    failuresToday: f.get(tenant.id) ?? 0,
  }))
}
