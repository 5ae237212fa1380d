import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { NoticesMarkAllButton } from '@/components/notify/notices-mark-all-button'
import { NoticesTable } from '@/components/notify/notices-table'
import { PageHeader } from '@/components/portal/page-header'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { noticeTable } from '@/lib/notify/notice-params'
import { listNotices, unreadNoticeCount } from '@/lib/notify/notices'

export const metadata: Metadata = { title: 'Notices' }

export default async function NoticesPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  if (!can(role, 'notices.read')) notFound()
  const state = await noticeTable.cache.parse(searchParams)
  const [{ rows, total }, unread] = await Promise.all([listNotices(scope, state), unreadNoticeCount(scope)])
  return (
    <>
      <PageHeader
        title="Notices"
        description="Runs that ended the way their task’s notification policy asks you to hear about, each linking to its run."
        actions={<NoticesMarkAllButton tenant={tenant.slug} unread={unread} />}
      />
      <NoticesTable tenant={tenant.slug} rows={rows} total={total} />
    </>
  )
}
