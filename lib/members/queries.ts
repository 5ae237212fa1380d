import 'server-only'
import { pageArgs } from '@/components/data-table/search-params'
import { hashPassword } from '@/lib/auth/password'
import type { Scope } from '@/lib/auth/tenant-access'
import type { TenantRole } from '@/lib/auth/permissions'
import { contains, db, type Prisma } from '@/lib/db'
import type { MemberTableState } from './table'

// Every function takes the scope first and keeps scope.tenantId in every where.

export async function listMembers(scope: Scope, state: MemberTableState) {
  const where: Prisma.MembershipWhereInput = {
    tenantId: scope.tenantId,
    ...(state.role ? { role: state.role } : {}),
    ...(state.q ? { user: { OR: [{ name: contains(state.q) }, { email: contains(state.q) }] } } : {}),
  }
  const orderBy: Prisma.MembershipOrderByWithRelationInput =
    state.sort === 'name' || state.sort === 'email' ? { user: { [state.sort]: state.dir } } : { [state.sort]: state.dir }
  const [rows, total] = await Promise.all([
    db.membership.findMany({
      where,
      orderBy,
      ...pageArgs(state),
      select: {
        id: true,
        role: true,
        createdAt: true,
        user: { select: { id: true, name: true, email: true, disabled: true } },
      },
    }),
    db.membership.count({ where }),
  ])
  return { rows, total }
}

export type MemberRow = Awaited<ReturnType<typeof listMembers>>['rows'][number]

export function findMember(scope: Scope, membershipId: string) {
  return db.membership.findFirst({
    where: { id: membershipId, tenantId: scope.tenantId },
    select: { id: true, role: true, user: { select: { id: true, email: true } } },
  })
}

export type AddMemberResult =
  | { ok: true; membershipId: string; userId: string; created: boolean }
  | { ok: false; field: 'email' | 'name' | 'password'; message: string }

export async function addMember(
  scope: Scope,
  input: { email: string; role: TenantRole; name?: string; password?: string },
): Promise<AddMemberResult> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } })
  if (existing) {
    const already = await db.membership.findUnique({
      where: { tenantId_userId: { tenantId: scope.tenantId, userId: existing.id } },
    })
    if (already) return { ok: false, field: 'email', message: 'This person is already a member.' }
    const m = await db.membership.create({
      data: { tenantId: scope.tenantId, userId: existing.id, role: input.role },
    })
    return { ok: true, membershipId: m.id, userId: existing.id, created: false }
  }
  if (!input.name) return { ok: false, field: 'name', message: 'New to Fanout: enter their name.' }
  if (!input.password) return { ok: false, field: 'password', message: 'New to Fanout: set a first password.' }
  const user = await db.user.create({
    data: {
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      memberships: { create: { tenantId: scope.tenantId, role: input.role } },
    },
    select: { id: true, memberships: { select: { id: true } } },
  })
  return { ok: true, membershipId: user.memberships[0].id, userId: user.id, created: true }
}

export async function updateMemberRole(scope: Scope, membershipId: string, role: TenantRole) {
  const { count } = await db.membership.updateMany({ where: { id: membershipId, tenantId: scope.tenantId }, data: { role } })
  return count === 1
}

export async function removeMember(scope: Scope, membershipId: string) {
  const { count } = await db.membership.deleteMany({ where: { id: membershipId, tenantId: scope.tenantId } })
  return count === 1
}
