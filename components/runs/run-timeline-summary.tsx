'use client'
import { useMemo } from 'react'
import { formatDateTime } from '@/lib/format'
import { formatMs, timelineSummary } from '@/lib/runs/timeline'
import { useLiveRun } from './live-run'

/**
 * The timeline in words, for whoever cannot see the bars: when the first target started,
 * when the last ended, and the slowest hosts (each opens its output).
 */
export function RunTimelineSummary({ onOpen }: { onOpen: (targetRunId: string) => void }) {
  const { targetRuns, now } = useLiveRun()
  const summary = useMemo(() => timelineSummary(targetRuns, now), [targetRuns, now])
  const steps = new Set(targetRuns.map((t) => t.stepIndex)).size > 1
  if (!summary.earliestStart) return <p className="text-sm text-muted-foreground">No target has started yet.</p>
  const first = Date.parse(summary.earliestStart)
  return (
    <div className="grid gap-2 text-sm" aria-label="Timeline summary" role="group">
      <dl className="flex flex-wrap gap-x-6 gap-y-1">
        <div className="flex gap-2">
          <dt className="text-muted-foreground">First start</dt>
          <dd>{formatDateTime(summary.earliestStart)}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-muted-foreground">Last end</dt>
          <dd>
            {summary.latestEnd
              ? `${formatDateTime(summary.latestEnd)} (${formatMs(Date.parse(summary.latestEnd) - first)} later)`
              : 'still running'}
          </dd>
        </div>
      </dl>
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className="text-muted-foreground" id="timeline-slowest">
          Slowest
        </span>
        <ol aria-labelledby="timeline-slowest" className="flex flex-wrap gap-x-3 gap-y-1">
          {summary.slowest.map((s) => (
            <li key={s.id}>
              <button type="button" onClick={() => onOpen(s.id)} className="underline-offset-2 hover:underline">
                {s.targetName}
                {steps && ` (step ${s.stepIndex + 1})`}
              </button>{' '}
              <span className="text-muted-foreground tabular-nums">{formatMs(s.ms)}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  )
}
