import 'server-only'
import { pageArgs } from '@/components/data-table/search-params'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db, type Prisma } from '@/lib/db'
import type { NoticeTableState } from './notice-params'

// A notice belongs to one user in one tenant: every where holds both, so another user's or
// another tenant's notice is "not found" whatever id is asked for.

type NoticeScope = Pick<Scope, 'tenantId' | 'userId'>

const own = (scope: NoticeScope) => ({ tenantId: scope.tenantId, userId: scope.userId })

export async function listNotices(scope: NoticeScope, state: NoticeTableState) {
  const where: Prisma.NoticeWhereInput = {
    ...own(scope),
    ...(state.state ? { readAt: state.state === 'unread' ? null : { not: null } } : {}),
    ...(state.kind ? { kind: state.kind } : {}),
    ...(state.q ? { title: contains(state.q) } : {}),
  }
  const [rows, total] = await Promise.all([
    db.notice.findMany({
      where,
      orderBy: [{ [state.sort]: state.dir }, { id: 'asc' }],
      ...pageArgs(state),
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
    db.notice.count({ where }),
  ])
  return { rows, total }
}

export type NoticeRow = Awaited<ReturnType<typeof listNotices>>['rows'][number]

export function unreadNoticeCount(scope: NoticeScope) {
  return db.notice.count({ where: { ...own(scope), readAt: null } })
}

/** False when the notice is not this user's in this tenant; reading it again changes nothing. */
export async function markNoticeRead(scope: NoticeScope, id: string) {
  const found = await db.notice.findFirst({ where: { id, ...own(scope) }, select: { readAt: true } })
  if (!found) return false
  if (!found.readAt)
    await db.notice.updateMany({ where: { id, ...own(scope), readAt: null }, data: { readAt: new Date() } })
  return true
}

/** How many notices were unread. */
export async function markAllNoticesRead(scope: NoticeScope) {
  const { count } = await db.notice.updateMany({ where: { ...own(scope), readAt: null }, data: { readAt: new Date() } })
  return count
}
