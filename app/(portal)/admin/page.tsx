import type { Metadata } from 'next'
import { StatTile } from '@/components/charts/stat-tile'
import { DashboardCard } from '@/components/dashboard/dashboard-card'
import { TenantActivityTable } from '@/components/dashboard/tenant-activity-table'
import { PageHeader } from '@/components/portal/page-header'
import { tenantCounts } from '@/lib/dashboard/admin'
import { systemFigures } from '@/lib/metrics/figures'
import { listTenants } from '@/lib/tenants/queries'
import { tenantTable } from '@/lib/tenants/table'
import { CreateTenantDialog } from './tenant-dialogs'
import { TenantsTable } from './tenants-table'

export const metadata: Metadata = { title: 'Tenants' }

const seconds = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 })

export default async function TenantsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const state = await tenantTable.cache.parse(searchParams)
  const [{ rows, total }, activity, system] = await Promise.all([listTenants(state), tenantCounts(), systemFigures()])
  return (
    <>
      <PageHeader
        title="Tenants"
        description="Each tenant owns its scripts, targets, tasks and runs, invisible to every other tenant."
        actions={<CreateTenantDialog />}
      />
      <div className="mb-6 grid gap-4">
        {/* The figures /api/metrics exports, read the same way (lib/metrics/figures.ts). */}
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <StatTile
            label="SSH connections"
            value={system.sshConnections}
            detail="open for runs in this server process"
          />
          <StatTile label="Queue depth" value={system.queueDepth} detail="runs waiting for an engine" />
          <StatTile label="Engines" value={system.engines} detail="server processes running runs on this database" />
          <StatTile
            label="Scheduler lag"
            value={`${seconds.format(system.schedulerLagSeconds)} s`}
            detail="from the latest fire's due time to its claim"
          />
        </div>
        <DashboardCard title="Activity today" description="Per tenant; runs queued since midnight UTC.">
          <TenantActivityTable rows={activity} />
        </DashboardCard>
      </div>
      <TenantsTable rows={rows} total={total} />
    </>
  )
}
