import type { Metadata } from 'next'
import { PageHeader } from '@/components/portal/page-header'
import { listAllTenantOptions } from '@/lib/tenants/queries'
import { listUsers } from '@/lib/users/queries'
import { userTable } from '@/lib/users/table'
import { CreateUserDialog } from './create-user-dialog'
import { UsersTable } from './users-table'

export const metadata: Metadata = { title: 'Users' }

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const state = await userTable.cache.parse(searchParams)
  const [{ rows, total }, tenants] = await Promise.all([listUsers(state), listAllTenantOptions()])
  return (
    <>
      <PageHeader
        title="Users"
        description="Accounts, their tenants and roles. A system admin can act in every tenant."
        actions={<CreateUserDialog />}
      />
      <UsersTable rows={rows} total={total} tenants={tenants} />
    </>
  )
}
