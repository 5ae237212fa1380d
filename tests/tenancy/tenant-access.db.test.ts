import { describe, expect, it } from 'vitest'
import { resolveTenantAccess, listAccessibleTenants } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { makeMember, makeTenant, makeUser } from '../support/factories'

const asSession = (u: { id: string; email: string; name: string; isSystemAdmin: boolean }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  isSystemAdmin: u.isSystemAdmin,
})

describe(`tenant access (${process.env.FANOUT_TEST_DB})`, () => {
  it("gives a member their role, and nothing in a tenant they don't belong to", async () => {
    const [a, b] = [await makeTenant('A'), await makeTenant('B')]
    const { user } = await makeMember(a.id, 'operator')
    const inA = await resolveTenantAccess(asSession(user), a.slug)
    expect(inA?.role).toBe('operator')
    expect(inA?.scope).toEqual({ tenantId: a.id, userId: user.id, role: 'operator' })
    expect(await resolveTenantAccess(asSession(user), b.slug)).toBeNull()
    expect(await resolveTenantAccess(asSession(user), 'no-such-tenant')).toBeNull()
  })

  it('hides a disabled tenant from its members but not from system admins', async () => {
    const a = await makeTenant('A')
    const { user } = await makeMember(a.id, 'admin')
    const sysadmin = await makeUser({ isSystemAdmin: true })
    await db.tenant.update({ where: { id: a.id }, data: { disabled: true } })
    expect(await resolveTenantAccess(asSession(user), a.slug)).toBeNull()
    expect((await resolveTenantAccess(asSession(sysadmin), a.slug))?.role).toBe('system_admin')
    expect(await listAccessibleTenants(asSession(user))).toEqual([])
  })

  it('lists exactly the tenants a user belongs to for the switcher', async () => {
    const [a, b, c] = [await makeTenant('A'), await makeTenant('B'), await makeTenant('C')]
    const { user } = await makeMember(a.id, 'viewer')
    await db.membership.create({ data: { tenantId: c.id, userId: user.id, role: 'admin' } })
    const slugs = (await listAccessibleTenants(asSession(user))).map((t) => t.slug)
    expect(slugs.sort()).toEqual([a.slug, c.slug].sort())
    expect(slugs).not.toContain(b.slug)
  })
})
