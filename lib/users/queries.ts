import 'server-only'
import type { z } from 'zod'
import { pageArgs } from '@/components/data-table/search-params'
import { hashPassword } from '@/lib/auth/password'
import { contains, db, type Prisma } from '@/lib/db'
import type { createUserSchema, setMembershipSchema, updateUserSchema } from './schema'
import type { UserTableState } from './table'

// Users are platform objects: only system-admin actions and pages call these. Tenant
// admins manage their own tenant's people through lib/members.

/** Never select passwordHash for anything that may be rendered. */
export const publicUserFields = {
  id: true,
  email: true,
  name: true,
  isSystemAdmin: true,
  disabled: true,
  createdAt: true,
} as const

export async function listUsers(state: UserTableState) {
  const where: Prisma.UserWhereInput = {
    ...(state.q ? { OR: [{ name: contains(state.q) }, { email: contains(state.q) }] } : {}),
    ...(state.status ? { disabled: state.status === 'disabled' } : {}),
    ...(state.kind ? { isSystemAdmin: state.kind === 'system_admin' } : {}),
    ...(state.tenant ? { memberships: { some: { tenant: { slug: state.tenant } } } } : {}),
  }
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: { [state.sort]: state.dir },
      ...pageArgs(state),
      select: {
        ...publicUserFields,
        memberships: { select: { role: true, tenant: { select: { id: true, slug: true, name: true } } } },
      },
    }),
    db.user.count({ where }),
  ])
  return { rows, total }
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>['rows'][number]

export function findUserByEmail(email: string) {
  return db.user.findUnique({ where: { email }, select: publicUserFields })
}

export function countActiveSystemAdmins() {
  return db.user.count({ where: { isSystemAdmin: true, disabled: false } })
}

export async function createUser(input: z.infer<typeof createUserSchema>) {
  const { password, ...rest } = input
  return db.user.create({
    data: { ...rest, passwordHash: await hashPassword(password) },
    select: publicUserFields,
  })
}

export async function updateUser(input: z.infer<typeof updateUserSchema>) {
  const { id, ...data } = input
  const { count } = await db.user.updateMany({ where: { id }, data })
  return count === 1
}

/** Also ends every session the user has: sessions carry the version they were signed in at. */
export async function setPassword(id: string, password: string) {
  const { count } = await db.user.updateMany({
    where: { id },
    data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } },
  })
  return count === 1
}

export function getUser(id: string) {
  return db.user.findUnique({ where: { id }, select: publicUserFields })
}

export async function setMembership(input: z.infer<typeof setMembershipSchema>) {
  const [user, tenant] = await Promise.all([
    db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } }),
    db.tenant.findUnique({ where: { id: input.tenantId }, select: { id: true, slug: true } }),
  ])
  if (!user || !tenant) return null
  await db.membership.upsert({
    where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
    create: { tenantId: tenant.id, userId: user.id, role: input.role },
    update: { role: input.role },
  })
  return { user, tenant }
}

export async function removeMembership(userId: string, tenantId: string) {
  const { count } = await db.membership.deleteMany({ where: { userId, tenantId } })
  return count === 1
}
