import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { listChannels } from '@/lib/notify/queries'

// Who and what a task's notification policy can name: the tenant's members and channels.

const MAX_MEMBERS = 500

export async function listNotifyChoices(scope: Pick<Scope, 'tenantId'>) {
  const [members, channels] = await Promise.all([
    db.membership.findMany({
      where: { tenantId: scope.tenantId },
      orderBy: { user: { name: 'asc' } },
      take: MAX_MEMBERS,
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
    }),
    listChannels(scope),
  ])
  return { members: members.map((m) => ({ ...m.user, role: m.role })), channels }
}

export type NotifyChoices = Awaited<ReturnType<typeof listNotifyChoices>>
