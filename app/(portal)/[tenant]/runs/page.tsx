import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { RunListTable } from '@/components/runs/run-list-table'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { listRuns } from '@/lib/runs/list'
import { runListParams } from '@/lib/runs/list-params'

export const metadata: Metadata = { title: 'Runs' }

export default async function RunsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  if (!can(role, 'runs.read')) notFound()
  const { rows, total } = await listRuns(scope, {}, await runListParams.cache.parse(searchParams))
  return (
    <>
      <PageHeader title="Runs" description="Every run in this tenant: ad hoc runs of a script and runs of a task." />
      <RunListTable tenant={tenant.slug} rows={rows} total={total} />
    </>
  )
}
