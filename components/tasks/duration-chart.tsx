import { AxisLeft } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import Link from 'next/link'
import { RunStatusBadge } from '@/components/runs/run-status-badge'
import { statusFill } from '@/components/runs/status-colors'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { formatDateTime } from '@/lib/format'
import { runPath } from '@/lib/runs/paths'
import { statusLabels, targetRunStatuses } from '@/lib/runs/statuses'
import { formatMs, timeTicks } from '@/lib/runs/timeline'
import type { TaskRunDuration } from '@/lib/tasks/insights'

const width = 960
const height = 220
const margin = { top: 12, right: 8, bottom: 4, left: 64 }
const maxBar = 28

function median(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** "12 runs: 10 succeeded, 2 failed. Median 3.1 s, slowest 12 s.": the chart in words. */
function summary(runs: TaskRunDuration[]): string {
  const counts = targetRunStatuses
    .map((s) => [s, runs.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${statusLabels[s].toLowerCase()}`)
  const took = runs.filter((r) => r.finishedAt && r.durationMs !== null).map((r) => r.durationMs!)
  const mid = median(took)
  const times = mid === null ? '' : ` Median ${formatMs(mid)}, slowest ${formatMs(Math.max(...took))}.`
  return `${runs.length === 1 ? '1 run' : `${runs.length} runs`}: ${counts.join(', ')}.${times}`
}

/**
 * How long the task's recent runs took, oldest left, coloured by status; each bar opens its
 * run. Drawn on the server; the summary and the table say the same in words.
 */
export function DurationChart({ tenant, taskId, runs }: { tenant: string; taskId: string; runs: TaskRunDuration[] }) {
  if (!runs.length) return <p className="text-sm text-muted-foreground">No runs yet.</p>
  const x = scaleBand({ domain: runs.map((r) => r.id), range: [margin.left, width - margin.right], padding: 0.25 })
  const y = scaleLinear({
    domain: [0, Math.max(1, ...runs.map((r) => r.durationMs ?? 0))],
    range: [height - margin.bottom, margin.top],
    nice: true,
  })
  const ticks = timeTicks(y.domain()[1], 4)
  const barWidth = Math.min(x.bandwidth(), maxBar)
  return (
    <figure className="grid gap-2" data-testid="duration-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full text-muted-foreground"
        role="group"
        aria-label={`Duration of the last ${runs.length === 1 ? 'run' : `${runs.length} runs`}`}
      >
        <AxisLeft
          scale={y}
          left={margin.left - 4}
          tickValues={ticks.map((t) => t.at)}
          stroke="currentColor"
          tickStroke="currentColor"
          tickFormat={(_, i) => ticks[i].label}
          tickLabelProps={{ fill: 'currentColor', fontSize: 13, fontFamily: 'inherit' }}
        />
        <Group>
          {runs.map((r) => {
            const top = y(r.durationMs ?? 0)
            const barHeight = Math.max(2, height - margin.bottom - top)
            const label = `${formatDateTime(r.createdAt)}: ${statusLabels[r.status]}${r.durationMs === null ? '' : `, ${formatMs(r.durationMs)}`}`
            return (
              <a key={r.id} href={runPath(tenant, { id: r.id, taskId })} aria-label={label}>
                <title>{label}</title>
                <Bar
                  x={x(r.id)! + (x.bandwidth() - barWidth) / 2}
                  y={height - margin.bottom - barHeight}
                  width={barWidth}
                  height={barHeight}
                  rx={2}
                  className={`${statusFill(r.status)} hover:opacity-80`}
                  data-status={r.status}
                />
              </a>
            )
          })}
        </Group>
      </svg>
      <div className="flex justify-between pl-16 text-xs text-muted-foreground">
        <span>{formatDateTime(runs[0].createdAt)}</span>
        {runs.length > 1 && <span>{formatDateTime(runs.at(-1)!.createdAt)}</span>}
      </div>
      <figcaption className="text-sm">{summary(runs)}</figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-muted-foreground hover:text-foreground">Show as a table</summary>
        <Table aria-label="Recent runs">
          <TableHeader>
            <TableRow>
              <TableHead>Run</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Duration</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.toReversed().map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <Link href={runPath(tenant, { id: r.id, taskId })} className="underline-offset-2 hover:underline">
                    {formatDateTime(r.createdAt)}
                  </Link>
                </TableCell>
                <TableCell>
                  <RunStatusBadge status={r.status} />
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {r.durationMs === null ? '—' : formatMs(r.durationMs)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </figure>
  )
}
