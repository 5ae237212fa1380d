import type { Metadata } from 'next'
import { PageHeader } from '@/components/portal/page-header'
import { listTenants } from '@/lib/tenants/queries'
import { tenantTable } from '@/lib/tenants/table'
import { CreateTenantDialog } from './tenant-dialogs'
import { TenantsTable } from './tenants-table'

export const metadata: Metadata = { title: 'Tenants' }

export default async function TenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const state = await tenantTable.cache.parse(searchParams)
  const { rows, total } = await listTenants(state)
  return (
    <>
      <PageHeader
        title="Tenants"
        description="Each tenant owns its scripts, targets, tasks and runs, invisible to every other tenant."
        actions={<CreateTenantDialog />}
      />
      <TenantsTable rows={rows} total={total} />
    </>
  )
}
