'use client'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useQueryStates } from 'nuqs'
import { useRef } from 'react'
import type { LiveTargetRun } from '@/lib/runs/live'
import { formatDuration } from '@/lib/runs/statuses'
import { runViewParams } from '@/lib/runs/view-params'
import { cn } from '@/lib/utils'
import { useLiveRun } from './live-run'
import { RunStatusBadge } from './run-status-badge'

const ROW_HEIGHT = 40
const columns =
  'grid grid-cols-[minmax(8rem,2fr)_minmax(5rem,1fr)_minmax(5rem,1fr)_8.5rem_3.5rem_5rem_minmax(6rem,2fr)]'

const date = (iso: string | null) => (iso ? new Date(iso) : null)

/**
 * One row per target and step (host, id, pool, region, status, exit code, duration,
 * error); choosing a row opens its output. Only the rows in view are rendered, so a run
 * on thousands of hosts scrolls as smoothly as one on five.
 */
export function TargetRunRows({ rows }: { rows: LiveTargetRun[] }) {
  const { targets, openId, now } = useLiveRun()
  const [, setView] = useQueryStates(runViewParams, { history: 'replace' })
  const steps = new Set(rows.map((r) => r.stepIndex)).size > 1
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  })
  return (
    <div className="rounded-lg border text-sm">
      <div className={cn(columns, 'gap-3 border-b bg-muted/50 px-3 py-2 text-xs font-medium text-muted-foreground')}>
        <span>Host</span>
        <span>Pool</span>
        <span>Region</span>
        <span>Status</span>
        <span>Exit</span>
        <span className="text-right">Duration</span>
        <span>Error</span>
      </div>
      <div ref={scroller} className="max-h-96 overflow-auto" role="list" aria-label="Targets">
        <div style={{ height: virtualizer.getTotalSize() }} className="relative">
          {virtualizer.getVirtualItems().map((item) => {
            const t = rows[item.index]
            const info = targets[t.targetId]
            return (
              <div
                key={t.id}
                role="listitem"
                className="absolute inset-x-0"
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <button
                  type="button"
                  aria-current={t.id === openId ? 'true' : undefined}
                  data-target={t.targetName}
                  onClick={() => void setView({ target: t.id })}
                  className={cn(
                    columns,
                    'h-full w-full items-center gap-3 border-b px-3 text-left hover:bg-accent',
                    t.id === openId && 'bg-accent',
                  )}
                >
                  <span className="min-w-0 truncate" title={`${t.targetName} (${t.targetId})`}>
                    <span className="font-medium">{t.targetName}</span>
                    {steps && <span className="text-muted-foreground"> · step {t.stepIndex + 1}</span>}
                    <span className="ml-2 font-mono text-xs text-muted-foreground">{t.targetId.slice(-8)}</span>
                  </span>
                  <span className="truncate text-muted-foreground">{info?.resourcePool ?? '—'}</span>
                  <span className="truncate text-muted-foreground">{info?.region ?? '—'}</span>
                  <RunStatusBadge status={t.status} />
                  <span className="tabular-nums">{t.exitCode ?? '—'}</span>
                  <span className="text-right text-muted-foreground tabular-nums">
                    {formatDuration(date(t.startedAt), date(t.finishedAt), now)}
                  </span>
                  <span className="truncate text-destructive" title={t.error ?? undefined}>
                    {t.error}
                  </span>
                </button>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
