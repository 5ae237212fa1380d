// The run page's timeline, laid out from the live target-runs: a lane per target-run grouped
// by step, times in ms from the run's start. Pure, no server imports: the client component
// draws it and the tests check it.
import { scaleLinear } from '@visx/scale'
import type { LiveTargetRun } from './live'
import { formatDuration, type TargetRunStatus } from './statuses'

type Times = Pick<LiveTargetRun, 'startedAt' | 'finishedAt'>
type TimedRun = Pick<LiveTargetRun, 'id' | 'stepIndex' | 'targetName' | 'status'> & Times

export interface TimelineLane {
  kind: 'lane'
  id: string
  stepIndex: number
  targetName: string
  status: TargetRunStatus
  /** ms from the timeline's origin; null while queued (or when skipped). */
  start: number | null
  /** The end, or now while it runs. */
  end: number | null
}

export interface TimelineStep {
  kind: 'step'
  stepIndex: number
  lanes: number
}

export interface Timeline {
  /** Epoch ms of the run's start: x = 0. Null until something started. */
  origin: number | null
  /** ms from the origin to the last end (or now): the width of the axis, never 0. */
  span: number
  /** Each step's header, then its lanes in order of start. */
  rows: (TimelineStep | TimelineLane)[]
}

const ms = (iso: string | null) => (iso ? Date.parse(iso) : null)

export function timelineLayout(targetRuns: readonly TimedRun[], runStartedAt: string | null, now: Date): Timeline {
  const starts = targetRuns.map((t) => ms(t.startedAt)).filter((s) => s !== null)
  const runStart = ms(runStartedAt)
  // Target-runs can stamp an instant before the run's own (another replica's clock): the
  // origin is the earliest of all, so no bar starts left of the axis.
  const origin =
    starts.length || runStart !== null ? Math.min(...starts, ...(runStart === null ? [] : [runStart])) : null
  const lanes: TimelineLane[] = targetRuns.map((t) => {
    const start = ms(t.startedAt)
    const end = start === null ? null : (ms(t.finishedAt) ?? now.getTime())
    return {
      kind: 'lane',
      id: t.id,
      stepIndex: t.stepIndex,
      targetName: t.targetName,
      status: t.status,
      start: start === null || origin === null ? null : start - origin,
      end: end === null || origin === null ? null : Math.max(end, start!) - origin,
    }
  })
  lanes.sort(
    (a, b) =>
      a.stepIndex - b.stepIndex ||
      (a.start ?? Infinity) - (b.start ?? Infinity) ||
      a.targetName.localeCompare(b.targetName) ||
      a.id.localeCompare(b.id),
  )
  const rows: Timeline['rows'] = []
  let span = 0
  let header = null as TimelineStep | null
  for (const lane of lanes) {
    if (header?.stepIndex === lane.stepIndex) header.lanes++
    else rows.push((header = { kind: 'step', stepIndex: lane.stepIndex, lanes: 1 }))
    rows.push(lane)
    if (lane.end !== null) span = Math.max(span, lane.end)
  }
  return { origin, span: Math.max(span, 1), rows }
}

/** Where an instant (ms from the origin) sits on the axis, in % of its width. */
export const percentOf = (at: number, span: number) => Math.min(100, Math.max(0, (at / span) * 100))

const units = [
  { ms: 3_600_000, label: 'h' },
  { ms: 60_000, label: 'min' },
  { ms: 1_000, label: 's' },
] as const

/**
 * Round ticks for an axis `span` ms wide, in the largest unit that fits twice ("0 s, 2 s…",
 * "0 min, 5 min…"), so labels read as times rather than as ms counts.
 */
export function timeTicks(span: number, count = 6): { at: number; label: string }[] {
  const unit = units.find((u) => span >= 2 * u.ms) ?? units[2]
  return scaleLinear({ domain: [0, span / unit.ms] })
    .ticks(count)
    .map((v) => ({ at: v * unit.ms, label: `${v} ${unit.label}` }))
}

/** A span of ms as the rest of the page writes durations ("1.2 s", "3 min 4 s"). */
export const formatMs = (span: number) => formatDuration(new Date(0), new Date(span))

export interface TimelineSummary {
  earliestStart: string | null
  /** The last end, or null while a target still runs (or none started). */
  latestEnd: string | null
  /** The five target-runs that took longest (so far), slowest first. */
  slowest: { id: string; targetName: string; stepIndex: number; ms: number }[]
}

/** The timeline told in words: its text fallback. */
export function timelineSummary(targetRuns: readonly TimedRun[], now: Date, top = 5): TimelineSummary {
  let earliest: number | null = null
  let latest: number | null = null
  let running = false
  const took: TimelineSummary['slowest'] = []
  for (const t of targetRuns) {
    const start = ms(t.startedAt)
    if (start === null) continue
    const end = ms(t.finishedAt)
    if (end === null) running = true
    else latest = Math.max(latest ?? end, end)
    earliest = Math.min(earliest ?? start, start)
    took.push({ id: t.id, targetName: t.targetName, stepIndex: t.stepIndex, ms: (end ?? now.getTime()) - start })
  }
  took.sort((a, b) => b.ms - a.ms || a.targetName.localeCompare(b.targetName))
  return {
    earliestStart: earliest === null ? null : new Date(earliest).toISOString(),
    latestEnd: running || latest === null ? null : new Date(latest).toISOString(),
    slowest: took.slice(0, top),
  }
}
