// Rows for tests, created through the same queries the app uses.
import { hashPassword } from '@/lib/auth/password'
import type { TenantRole } from '@/lib/auth/permissions'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'

let n = 0
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`

export async function makeTenant(name = 'Tenant') {
  const slug = `t-${unique()}`
  return db.tenant.create({ data: { name: `${name} ${slug}`, slug } })
}

export async function makeUser(opts: { password?: string; isSystemAdmin?: boolean; email?: string } = {}) {
  const email = opts.email ?? `u-${unique()}@example.test`
  return db.user.create({
    data: {
      email,
      name: `User ${email}`,
      passwordHash: await hashPassword(opts.password ?? 'correct horse battery'),
      isSystemAdmin: opts.isSystemAdmin ?? false,
    },
  })
}

export async function makeMember(tenantId: string, role: TenantRole) {
  const user = await makeUser()
  const membership = await db.membership.create({ data: { tenantId, userId: user.id, role } })
  return { user, membership, scope: { tenantId, userId: user.id, role } satisfies Scope }
}
