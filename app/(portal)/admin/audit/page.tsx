import type { Metadata } from 'next'
import { AuditTable } from '@/components/audit/audit-table'
import { PageHeader } from '@/components/portal/page-header'
import { listAuditEvents } from '@/lib/audit/queries'
import { auditTable } from '@/lib/audit/table'
import { listAllTenantOptions } from '@/lib/tenants/queries'

export const metadata: Metadata = { title: 'Audit log' }

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const state = await auditTable.cache.parse(searchParams)
  const [{ rows, total }, tenants] = await Promise.all([listAuditEvents(state), listAllTenantOptions()])
  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in, failed sign-in, denial and change, in every tenant." />
      <AuditTable rows={rows} total={total} tenants={tenants} />
    </>
  )
}
