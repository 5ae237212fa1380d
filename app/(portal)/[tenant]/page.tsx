import type { Metadata } from 'next'
import { BarList } from '@/components/charts/bar-list'
import { StatTile } from '@/components/charts/stat-tile'
import { DashboardCard } from '@/components/dashboard/dashboard-card'
import { LiveRuns } from '@/components/dashboard/live-runs'
import { NextFires } from '@/components/dashboard/next-fires'
import { RunsPerDayChart } from '@/components/dashboard/runs-per-day-chart'
import { TargetStatusList } from '@/components/dashboard/target-status-list'
import { PageHeader } from '@/components/portal/page-header'
import { roleLabels } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { tenantDashboard } from '@/lib/dashboard/queries'
import { formatDuration } from '@/lib/runs/statuses'

export const metadata: Metadata = { title: 'Home' }

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 })
const ms = (value: number | null) => (value === null ? '—' : formatDuration(new Date(0), new Date(value)))
const runs = (n: number) => (n === 1 ? '1 run' : `${n} runs`)

export default async function TenantHome({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  const roleLabel = role === 'system_admin' ? 'System admin' : roleLabels[role]
  const d = await tenantDashboard(scope)
  const days = d.window.days.length
  const slug = tenant.slug
  return (
    <>
      <PageHeader
        title={tenant.name}
        description={`The last ${days} days, in UTC days. You are signed in here as ${roleLabel}.`}
      />
      <div className="grid gap-4">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <StatTile label="Runs" value={d.runs.total} detail={`queued in the last ${days} days`} />
          <StatTile
            label="Success rate"
            value={d.runs.successRate === null ? '—' : percent.format(d.runs.successRate)}
            detail={`of ${runs(d.runs.finished)} finished`}
          />
          <StatTile
            label="Median duration"
            value={ms(d.durations.medianMs)}
            detail={`of ${runs(d.durations.sampled)}`}
          />
          <StatTile label="p95 duration" value={ms(d.durations.p95Ms)} detail="95% of runs took no longer" />
          <StatTile label="In progress" value={d.live.total} detail="queued or running now" />
        </div>
        <DashboardCard title="Runs per day" description="By status; a day opens its runs.">
          <RunsPerDayChart tenant={slug} runs={d.runs} />
        </DashboardCard>
        <div className="grid gap-4 lg:grid-cols-2">
          <DashboardCard title="Most failing targets" description={`Failed target-runs in the last ${days} days.`}>
            <BarList
              label="Most failing targets"
              swatch="bg-destructive"
              empty="No target failed."
              items={d.failingTargets.map((t) => ({
                key: t.id,
                label: t.name,
                value: t.failures,
                href: t.exists ? `/${slug}/targets/${t.id}` : undefined,
                note: t.exists ? undefined : 'deleted',
              }))}
            />
          </DashboardCard>
          <DashboardCard title="Most failing tasks" description={`Failed runs in the last ${days} days.`}>
            <BarList
              label="Most failing tasks"
              swatch="bg-destructive"
              empty="No task failed."
              items={d.failingTasks.map((t) => ({
                key: t.id,
                label: t.name ?? 'A deleted task',
                value: t.failures,
                href: t.name === null ? undefined : `/${slug}/tasks/${t.id}`,
              }))}
            />
          </DashboardCard>
          <DashboardCard title="Targets by connection status" description="As of each target's last check.">
            <TargetStatusList tenant={slug} counts={d.targetsByStatus} />
          </DashboardCard>
          <DashboardCard title="Next scheduled fires">
            <NextFires tenant={slug} fires={d.nextFires} />
          </DashboardCard>
        </div>
        <DashboardCard title="Runs in progress">
          <LiveRuns tenant={slug} live={d.live} />
        </DashboardCard>
      </div>
    </>
  )
}
