import type { Metadata } from 'next'
import { PageHeader } from '@/components/portal/page-header'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { listMembers } from '@/lib/members/queries'
import { memberTable } from '@/lib/members/table'
import { AddMemberDialog } from './add-member-dialog'
import { MembersTable } from './members-table'

export const metadata: Metadata = { title: 'Settings' }

export default async function SettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant, role, scope, user } = await getTenantAccess((await params).tenant)
  const state = await memberTable.cache.parse(searchParams)
  const { rows, total } = await listMembers(scope, state)
  const canManage = can(role, 'members.manage')
  return (
    <>
      <PageHeader
        title="Members"
        description={`People who can open ${tenant.name}, and what each may do here.`}
        actions={canManage ? <AddMemberDialog tenant={tenant.slug} /> : null}
      />
      <MembersTable rows={rows} total={total} tenant={tenant.slug} canManage={canManage} selfId={user.id} />
    </>
  )
}
