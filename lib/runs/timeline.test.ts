import { describe, expect, it } from 'vitest'
import type { TargetRunStatus } from './statuses'
import { percentOf, timelineLayout, timelineSummary, timeTicks } from './timeline'

const t0 = Date.parse('2026-03-01T10:00:00Z')
const at = (s: number | null) => (s === null ? null : new Date(t0 + s * 1000).toISOString())

function tr(id: string, stepIndex: number, status: TargetRunStatus, start: number | null, end: number | null) {
  return { id, stepIndex, targetName: `host-${id}`, status, startedAt: at(start), finishedAt: at(end) }
}

describe('timelineLayout', () => {
  const now = new Date(t0 + 30_000)
  const runs = [
    tr('c', 0, 'succeeded', 4, 9),
    tr('a', 0, 'failed', 2, 3),
    tr('q', 1, 'queued', null, null),
    tr('r', 1, 'running', 12, null),
    tr('b', 0, 'succeeded', 2, 20),
    tr('s', 1, 'succeeded', 10, 11),
  ]

  it('groups lanes by step, each step in order of start (queued last), times from the run start', () => {
    const { origin, span, rows } = timelineLayout(runs, at(1), now)
    expect(origin).toBe(t0 + 1000)
    expect(rows.map((r) => (r.kind === 'step' ? `step ${r.stepIndex}: ${r.lanes}` : r.id))).toEqual([
      'step 0: 3',
      'a',
      'b',
      'c',
      'step 1: 3',
      's',
      'r',
      'q',
    ])
    const lane = (id: string) => rows.find((r) => r.kind === 'lane' && r.id === id)
    expect(lane('b')).toMatchObject({ start: 1000, end: 19_000, status: 'succeeded', targetName: 'host-b' })
    // Still running: its bar reaches now, which is also the end of the axis.
    expect(lane('r')).toMatchObject({ start: 11_000, end: 29_000 })
    expect(lane('q')).toMatchObject({ start: null, end: null })
    expect(span).toBe(29_000)
  })

  it('starts the axis at the earliest instant, even a target stamped before the run', () => {
    const { origin, rows } = timelineLayout([tr('a', 0, 'succeeded', 0, 5)], at(1), now)
    expect(origin).toBe(t0)
    expect(rows[1]).toMatchObject({ start: 0, end: 5000 })
  })

  it('has no origin and a non-zero span before anything started', () => {
    expect(timelineLayout([tr('q', 0, 'queued', null, null)], null, now)).toMatchObject({ origin: null, span: 1 })
    expect(timelineLayout([], null, now)).toEqual({ origin: null, span: 1, rows: [] })
  })

  it('lays out 5,000 target-runs quickly', () => {
    const many = Array.from({ length: 5000 }, (_, i) => tr(String(i), i % 2, 'succeeded', i % 97, (i % 97) + (i % 13)))
    const started = performance.now()
    const { rows } = timelineLayout(many, at(0), now)
    expect(performance.now() - started).toBeLessThan(200)
    expect(rows).toHaveLength(5002)
  })
})

describe('timeTicks and percentOf', () => {
  it('ticks in round seconds, minutes or hours, whichever fits the span', () => {
    expect(timeTicks(10_000).map((t) => t.label)).toEqual(['0 s', '2 s', '4 s', '6 s', '8 s', '10 s'])
    expect(timeTicks(1_500).map((t) => t.label)).toEqual([
      '0 s',
      '0.2 s',
      '0.4 s',
      '0.6 s',
      '0.8 s',
      '1 s',
      '1.2 s',
      '1.4 s',
    ])
    const minutes = timeTicks(10 * 60_000)
    expect(minutes.map((t) => t.label)).toEqual(['0 min', '2 min', '4 min', '6 min', '8 min', '10 min'])
    expect(minutes[1].at).toBe(120_000)
    expect(timeTicks(5 * 3_600_000)[1]).toEqual({ at: 3_600_000, label: '1 h' })
  })

  it('places instants in % of the axis, clamped to it', () => {
    expect(percentOf(2_500, 10_000)).toBe(25)
    expect(percentOf(-5, 10_000)).toBe(0)
    expect(percentOf(20_000, 10_000)).toBe(100)
  })
})

describe('timelineSummary', () => {
  it('tells the first start, the last end and the five slowest target-runs', () => {
    const runs = [
      tr('a', 0, 'succeeded', 2, 3),
      tr('b', 0, 'failed', 1, 21),
      tr('c', 0, 'succeeded', 3, 13),
      tr('d', 0, 'succeeded', 3, 8),
      tr('e', 0, 'succeeded', 4, 6),
      tr('f', 0, 'succeeded', 5, 12),
      tr('q', 1, 'skipped', null, null),
    ]
    const summary = timelineSummary(runs, new Date(t0 + 60_000))
    expect(summary.earliestStart).toBe(at(1))
    expect(summary.latestEnd).toBe(at(21))
    expect(summary.slowest.map((s) => [s.targetName, s.ms])).toEqual([
      ['host-b', 20_000],
      ['host-c', 10_000],
      ['host-f', 7_000],
      ['host-d', 5_000],
      ['host-e', 2_000],
    ])
  })

  it('has no last end while a target still runs, and counts it to now', () => {
    const summary = timelineSummary(
      [tr('a', 0, 'succeeded', 0, 3), tr('r', 0, 'running', 1, null)],
      new Date(t0 + 9_000),
    )
    expect(summary.latestEnd).toBeNull()
    expect(summary.slowest[0]).toMatchObject({ targetName: 'host-r', ms: 8_000 })
  })
})
