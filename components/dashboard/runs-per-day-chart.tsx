import { statusBackground, statusFill } from '@/components/runs/status-colors'
import { type ChartSeries, StackedBarChart } from '@/components/charts/stacked-bar-chart'
import type { TenantDashboard } from '@/lib/dashboard/queries'
import { statusLabels } from '@/lib/runs/statuses'

// Successes at the bottom, then the failures, then what ended otherwise and what has not ended.
const order = ['succeeded', 'failed', 'timed_out', 'interrupted', 'cancelled', 'running', 'queued'] as const
const series: ChartSeries[] = order.map((s) => ({
  key: s,
  label: statusLabels[s],
  fill: statusFill(s),
  swatch: statusBackground(s),
}))

const shortDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })

/** Runs queued per UTC day, stacked by status; each day opens that day's runs. */
export function RunsPerDayChart({ tenant, runs }: { tenant: string; runs: TenantDashboard['runs'] }) {
  const days = runs.days.length
  const busiest = runs.days.reduce(
    (best, d) => {
      const n = Object.values(d.counts).reduce((a, b) => a + b, 0)
      return n > best.n ? { day: d.day, n } : best
    },
    { day: '', n: 0 },
  )
  const summary =
    runs.total === 0
      ? `No runs in the last ${days} days.`
      : `${runs.total} ${runs.total === 1 ? 'run' : 'runs'} in the last ${days} days; the busiest day, ${busiest.day}, had ${busiest.n}.`
  return (
    <StackedBarChart
      label="Runs per day"
      summary={summary}
      categoryLabel="Day (UTC)"
      series={series}
      tickEvery={5}
      bars={runs.days.map(({ day, counts }) => ({
        key: day,
        label: day,
        axisLabel: shortDay.format(new Date(`${day}T00:00:00Z`)),
        values: counts,
        href: `/${tenant}/runs?from=${day}&to=${day}`,
      }))}
    />
  )
}
