import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { AuditTable } from '@/components/audit/audit-table'
import { PageHeader } from '@/components/portal/page-header'
import { listAuditEvents } from '@/lib/audit/queries'
import { auditTable } from '@/lib/audit/table'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'

export const metadata: Metadata = { title: 'Audit log' }

/** The tenant's own audit log, for its admins: the platform-wide one without the tenant filter. */
export default async function TenantAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant, role } = await getTenantAccess((await params).tenant)
  if (!can(role, 'audit.read')) notFound()
  const state = await auditTable.cache.parse(searchParams)
  const { rows, total } = await listAuditEvents(state, tenant.id)
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every change, run started or cancelled and permission denied in ${tenant.name}.`}
      />
      <AuditTable rows={rows} total={total} />
    </>
  )
}
