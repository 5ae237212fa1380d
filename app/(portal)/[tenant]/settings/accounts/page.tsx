import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { listExecAccounts } from '@/lib/accounts/queries'
import { accountTable } from '@/lib/accounts/table'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { AccountDialog } from './account-dialog'
import { AccountsTable } from './accounts-table'

export const metadata: Metadata = { title: 'Execution accounts' }

export default async function AccountsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  if (!can(role, 'settings.manage')) notFound()
  const state = await accountTable.cache.parse(searchParams)
  const { rows, total } = await listExecAccounts(scope, state)
  return (
    <>
      <PageHeader
        title="Execution accounts"
        description={
          <>
            Users on your hosts that a task’s script step may run as, through <code>sudo -n -u ACCOUNT</code>. Each
            target’s login user needs a sudoers entry such as <code>login ALL=(ACCOUNT) NOPASSWD: ALL</code>.
          </>
        }
        actions={<AccountDialog tenant={tenant.slug} />}
      />
      <AccountsTable rows={rows} total={total} tenant={tenant.slug} />
    </>
  )
}
