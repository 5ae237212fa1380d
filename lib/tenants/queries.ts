import 'server-only'
import { contains, db, type Prisma } from '@/lib/db'
import { ensureDefaultRules } from '@/lib/danger-rules/queries'
import { newPlatformKey } from '@/lib/targets/platform-key'
import { pageArgs } from '@/components/data-table/search-params'
import type { z } from 'zod'
import type { createTenantSchema, updateTenantSchema } from './schema'
import type { TenantTableState } from './table'

// Tenants are platform objects: only system-admin actions and pages call these.

export async function listTenants(state: TenantTableState) {
  const where: Prisma.TenantWhereInput = {
    ...(state.q ? { OR: [{ name: contains(state.q) }, { slug: contains(state.q) }] } : {}),
    ...(state.status ? { disabled: state.status === 'disabled' } : {}),
  }
  const [rows, total] = await Promise.all([
    db.tenant.findMany({
      where,
      orderBy: { [state.sort]: state.dir },
      ...pageArgs(state),
      select: {
        id: true,
        slug: true,
        name: true,
        disabled: true,
        createdAt: true,
        _count: { select: { memberships: true } },
      },
    }),
    db.tenant.count({ where }),
  ])
  return {
    rows: rows.map(({ _count, ...t }) => ({ ...t, members: _count.memberships })),
    total,
  }
}

export type TenantRow = Awaited<ReturnType<typeof listTenants>>['rows'][number]

export function findTenantBySlug(slug: string) {
  return db.tenant.findUnique({ where: { slug }, select: { id: true } })
}

/** A new tenant comes with its platform key pair and the default dangerous-command rules. */
export async function createTenant(input: z.infer<typeof createTenantSchema>) {
  const tenant = await db.tenant.create({
    data: { ...input, ...newPlatformKey(input.slug) },
    select: { id: true, slug: true, name: true },
  })
  await ensureDefaultRules(tenant.id)
  return tenant
}

export async function updateTenant(input: z.infer<typeof updateTenantSchema>) {
  const { count } = await db.tenant.updateMany({
    where: { id: input.id },
    data: { name: input.name, disabled: input.disabled },
  })
  return count === 1
}

export function listAllTenantOptions() {
  return db.tenant.findMany({ orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true } })
}
