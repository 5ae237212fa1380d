import 'server-only'
import { pageArgs } from '@/components/data-table/search-params'
import { contains, db, type Prisma } from '@/lib/db'
import type { AuditTableState } from './table'

const dayMs = 86_400_000

/**
 * Audit events, newest first by default. tenantId restricts to one tenant (tenant pages);
 * a system admin's page passes none and may filter by tenant slug instead.
 */
export async function listAuditEvents(state: AuditTableState, tenantId?: string) {
  const tenant = !tenantId && state.tenant
    ? await db.tenant.findUnique({ where: { slug: state.tenant }, select: { id: true } })
    : null
  const where: Prisma.AuditEventWhereInput = {
    ...(tenantId ? { tenantId } : state.tenant ? { tenantId: tenant?.id ?? '-' } : {}),
    ...(state.user ? { actorLabel: contains(state.user) } : {}),
    ...(state.action ? { action: { startsWith: state.action } } : {}),
    ...(state.q
      ? { OR: [{ targetLabel: contains(state.q) }, { actorLabel: contains(state.q) }, { action: contains(state.q) }] }
      : {}),
    createdAt: {
      ...(state.from ? { gte: state.from } : {}),
      // "to" is a day: include all of it.
      ...(state.to ? { lt: new Date(state.to.getTime() + dayMs) } : {}),
    },
  }
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: [{ [state.sort]: state.dir }, { id: 'desc' }], ...pageArgs(state) }),
    db.auditEvent.count({ where }),
  ])
  const tenantIds = [...new Set(rows.map((r) => r.tenantId).filter((id): id is string => !!id))]
  const tenants = tenantIds.length
    ? await db.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, slug: true } })
    : []
  const slugOf = new Map(tenants.map((t) => [t.id, t.slug]))
  return {
    rows: rows.map((r) => ({ ...r, tenantSlug: r.tenantId ? (slugOf.get(r.tenantId) ?? null) : null })),
    total,
  }
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>['rows'][number]
