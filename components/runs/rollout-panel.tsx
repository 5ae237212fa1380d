'use client'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import type { Rollout } from '@/lib/engine/rollout'
import { type BatchState, batchStateLabels, rolloutRows, type RunPlanInfo } from '@/lib/runs/rollout-view'
import { isLive } from '@/lib/runs/statuses'
import { useLiveRun } from './live-run'
import { RunStatusBadge } from './run-status-badge'

const stateTones: Record<BatchState, 'success' | 'outline' | 'warning' | 'secondary' | 'destructive'> = {
  done: 'success',
  running: 'outline',
  waiting: 'warning',
  not_started: 'secondary',
  stopped: 'destructive',
}

const size = (s: { value: number; unit: string }) =>
  s.unit === 'percent' ? `${s.value} %` : `${s.value} ${s.value === 1 ? 'host' : 'hosts'}`

/** "Canary of 1 host, then batches of 100 % · a confirmation before each batch". */
function describe(rollout: Rollout): string {
  const batches = `${rollout.canary ? `canary of ${size(rollout.canary)}, then ` : ''}batches of ${size(rollout.batch)}`
  const between = {
    none: '',
    confirm: ' · a confirmation before each batch',
    delay: ` · ${rollout.delaySeconds} s between batches`,
  }[rollout.between]
  const scope = rollout.mode === 'steps' ? ', step by step' : ''
  return `${batches[0].toUpperCase()}${batches.slice(1)}${scope}${between}`
}

/**
 * The run's batches in order: hosts in each, their target-runs by status, and how far the
 * rollout got; once it stopped short, why (the run's error says what the engine saw).
 */
export function RolloutPanel({ plan }: { plan: RunPlanInfo }) {
  const { run, targetRuns } = useLiveRun()
  const rows = rolloutRows(plan, run, targetRuns)
  if (!plan.rollout || !rows.length) return null
  const stoppedAt = rows.find((r) => r.state === 'stopped')
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>Rollout</CardTitle>
        <CardDescription>{describe(plan.rollout)}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <table className="w-full" aria-label="Batches">
          <thead className="text-left text-xs text-muted-foreground">
            <tr>
              <th className="py-1 pr-3 font-medium">Batch</th>
              <th className="py-1 pr-3 text-right font-medium">Hosts</th>
              <th className="py-1 pr-3 font-medium">Targets by status</th>
              <th className="py-1 font-medium">State</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-t" data-batch={row.label}>
                <td className="py-1.5 pr-3 font-medium">{row.label}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{row.hosts}</td>
                <td className="py-1.5 pr-3">
                  <span className="flex flex-wrap gap-1.5">
                    {row.counts.map((c) => (
                      <span key={c.status} className="flex items-center gap-1">
                        <RunStatusBadge status={c.status} />
                        <span className="tabular-nums">{c.count}</span>
                      </span>
                    ))}
                  </span>
                </td>
                <td className="py-1.5">
                  <Badge variant={stateTones[row.state]}>{batchStateLabels[row.state]}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {stoppedAt && !isLive(run.status) && run.status !== 'succeeded' && (
          <p className="text-muted-foreground">
            Stopped before {stoppedAt.label}
            {run.error ? `: ${run.error}` : '.'}
          </p>
        )}
      </CardContent>
    </Card>
  )
}
