'use client'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useQueryStates } from 'nuqs'
import { useEffect, useMemo, useRef } from 'react'
import { statusLabels } from '@/lib/runs/statuses'
import { formatMs, percentOf, type TimelineLane, timelineLayout, timeTicks } from '@/lib/runs/timeline'
import { runViewParams } from '@/lib/runs/view-params'
import { cn } from '@/lib/utils'
import { useLiveRun } from './live-run'
import { statusBackground } from './status-colors'
import { RunTimelineSummary } from './run-timeline-summary'

const AXIS_HEIGHT = 32
const STEP_HEIGHT = 28
const LANE_HEIGHT = 24
const columns = 'grid grid-cols-[minmax(6rem,12rem)_1fr] gap-3 px-3'

/**
 * When each target-run started and ended, one lane per target-run grouped by step, in
 * order of start: stragglers stand out at the right, parallelism as a staircase. Only the
 * lanes in view are rendered, so 5,000 targets draw as fast as five. Choosing a lane
 * opens that host's output in the results view.
 */
export function RunTimeline({ steps }: { steps: string[] }) {
  const { run, targetRuns, openId, now } = useLiveRun()
  const [, setView] = useQueryStates(runViewParams, { history: 'push' })
  const timeline = useMemo(() => timelineLayout(targetRuns, run.startedAt, now), [targetRuns, run.startedAt, now])
  const ticks = useMemo(() => timeTicks(timeline.span), [timeline.span])
  const { rows, span } = timeline
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i].kind === 'step' ? STEP_HEIGHT : LANE_HEIGHT),
    scrollMargin: AXIS_HEIGHT,
    overscan: 20,
  })
  const items = virtualizer.getVirtualItems()
  usePaintedMark(scroller, items.length > 0)

  const open = (lane: TimelineLane) => void setView({ target: lane.id, view: null })
  return (
    <section aria-label="Timeline" className="grid gap-3">
      <RunTimelineSummary onOpen={(id) => void setView({ target: id, view: null })} />
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">No targets yet.</p>
      ) : (
        <div ref={scroller} className="max-h-[32rem] overflow-auto rounded-lg border text-sm" data-timeline>
          <div
            className={cn(
              columns,
              'sticky top-0 z-10 items-center border-b bg-background text-xs text-muted-foreground',
            )}
            style={{ height: AXIS_HEIGHT }}
          >
            <span className="font-medium">Host</span>
            <div className="relative h-full" aria-hidden>
              {ticks.map((t) => (
                <span
                  key={t.at}
                  className="absolute top-1/2 -translate-y-1/2 border-l pl-1 whitespace-nowrap tabular-nums"
                  style={{ left: `${percentOf(t.at, span)}%` }}
                >
                  {t.label}
                </span>
              ))}
            </div>
          </div>
          <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
            <div className={cn(columns, 'pointer-events-none absolute inset-0')} aria-hidden>
              <span />
              <div className="relative">
                {ticks.map((t) => (
                  <span
                    key={t.at}
                    className="absolute inset-y-0 border-l border-dashed"
                    style={{ left: `${percentOf(t.at, span)}%` }}
                  />
                ))}
              </div>
            </div>
            <div role="list" aria-label="Target-runs by start">
              {items.map((item) => {
                const row = rows[item.index]
                const style = { height: item.size, transform: `translateY(${item.start - AXIS_HEIGHT}px)` }
                if (row.kind === 'step')
                  return (
                    <div
                      key={`step-${row.stepIndex}`}
                      role="listitem"
                      className="absolute inset-x-0 flex items-end border-b bg-muted/50 px-3 pb-1 text-xs font-medium"
                      style={style}
                    >
                      Step {row.stepIndex + 1}
                      {steps[row.stepIndex] && `: ${steps[row.stepIndex]}`} · {row.lanes}{' '}
                      {row.lanes === 1 ? 'target' : 'targets'}
                    </div>
                  )
                return (
                  <div key={row.id} role="listitem" className="absolute inset-x-0" style={style}>
                    <Lane lane={row} span={span} current={row.id === openId} onOpen={open} />
                  </div>
                )
              })}
            </div>
          </div>
        </div>
      )}
    </section>
  )
}

function Lane({
  lane,
  span,
  current,
  onOpen,
}: {
  lane: TimelineLane
  span: number
  current: boolean
  onOpen: (lane: TimelineLane) => void
}) {
  const took = lane.start !== null && lane.end !== null ? lane.end - lane.start : null
  const when =
    took === null
      ? 'not started'
      : `${formatMs(took)}, from ${formatMs(lane.start!)} to ${formatMs(lane.end!)} after the start`
  return (
    <button
      type="button"
      aria-current={current ? 'true' : undefined}
      aria-label={`${lane.targetName}: ${statusLabels[lane.status]}, ${when}. Open its output`}
      data-target={lane.targetName}
      onClick={() => onOpen(lane)}
      className={cn(columns, 'h-full w-full items-center text-left hover:bg-accent/60', current && 'bg-accent/60')}
    >
      <span className="truncate text-xs">{lane.targetName}</span>
      <span className="relative h-3.5">
        {took !== null && (
          <span
            data-bar
            data-status={lane.status}
            title={`${lane.targetName} · ${statusLabels[lane.status]} · ${when}`}
            className={cn('absolute inset-y-0 min-w-0.5 rounded-sm', statusBackground(lane.status))}
            style={{ left: `${percentOf(lane.start!, span)}%`, width: `${percentOf(took, span)}%` }}
          />
        )}
      </span>
    </button>
  )
}

/**
 * Marks the scroller with the time since navigation once the first lanes have painted:
 * what bench/timeline.ts measures.
 */
function usePaintedMark(element: React.RefObject<HTMLElement | null>, drawn: boolean) {
  useEffect(() => {
    const el = element.current
    if (!drawn || !el || el.dataset.paintedAt) return
    const frame = requestAnimationFrame(() =>
      setTimeout(() => (el.dataset.paintedAt = String(Math.round(performance.now())))),
    )
    return () => cancelAnimationFrame(frame)
  }, [element, drawn])
}
