import 'server-only'
import { notFound } from 'next/navigation'
import { cache } from 'react'
import { db } from '@/lib/db'
import { type EffectiveRole, isTenantRole } from './permissions'
import { requireUser, type SessionUser } from './session'

/** What every tenant-scoped query takes first. */
export interface Scope {
  tenantId: string
  userId: string
  role: EffectiveRole
}

export interface TenantAccess {
  tenant: { id: string; slug: string; name: string; disabled: boolean }
  role: EffectiveRole
  scope: Scope
}

/**
 * The user's access to the tenant with this slug, or null when the tenant does not exist
 * or the user may not see it (the two are indistinguishable on purpose).
 */
export async function resolveTenantAccess(user: SessionUser, slug: string): Promise<TenantAccess | null> {
  const tenant = await db.tenant.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, disabled: true },
  })
  if (!tenant) return null
  let role: EffectiveRole | null = null
  if (user.isSystemAdmin) {
    role = 'system_admin'
  } else if (!tenant.disabled) {
    const membership = await db.membership.findUnique({
      where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
      select: { role: true },
    })
    role = isTenantRole(membership?.role) ? membership.role : null
  }
  if (!role) return null
  return { tenant, role, scope: { tenantId: tenant.id, userId: user.id, role } }
}

/** For tenant pages and layouts: resolved once per request. */
export const getTenantAccess = cache(async (slug: string): Promise<TenantAccess & { user: SessionUser }> => {
  const user = await requireUser()
  const access = await resolveTenantAccess(user, slug)
  if (!access) notFound()
  return { ...access, user }
})

/** The tenants a user can switch to, for the header. */
export async function listAccessibleTenants(user: SessionUser) {
  if (user.isSystemAdmin) {
    return db.tenant.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true, disabled: true } })
  }
  const memberships = await db.membership.findMany({
    where: { userId: user.id, tenant: { disabled: false } },
    select: { tenant: { select: { slug: true, name: true, disabled: true } } },
    orderBy: { tenant: { name: 'asc' } },
  })
  return memberships.map((m) => m.tenant)
}
