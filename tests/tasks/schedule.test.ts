import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { cronProblem, latestFires, nextFires, zonedToInstant } from '@/lib/tasks/schedule'

const utc = (...isos: string[]) => isos.map((iso) => new Date(iso))

describe('cron expressions', () => {
  it('take 5 fields (minutes) or 6 (seconds first), with ranges, steps, lists and names', () => {
    const from = new Date('2027-05-14T17:40:05Z')
    expect(nextFires('*/15 9-17 * * 1-5', 'UTC', 3, from)).toEqual(
      utc('2027-05-14T17:45:00Z', '2027-05-17T09:00:00Z', '2027-05-17T09:15:00Z'),
    )
    expect(nextFires('*/10 * * * * *', 'UTC', 3, from)).toEqual(
      utc('2027-05-14T17:40:10Z', '2027-05-14T17:40:20Z', '2027-05-14T17:40:30Z'),
    )
    expect(nextFires('0 12 * JAN,JUL MON', 'UTC', 2, from)).toEqual(utc('2027-07-05T12:00:00Z', '2027-07-12T12:00:00Z'))
    expect(nextFires('0 0 1,15 * *', 'UTC', 2, from)).toEqual(utc('2027-05-15T00:00:00Z', '2027-06-01T00:00:00Z'))
  })

  it('know L (last day or weekday), W (nearest weekday) and # (nth weekday)', () => {
    const may = new Date('2027-05-01T00:00:00Z')
    expect(nextFires('0 0 L * *', 'UTC', 2, may)).toEqual(utc('2027-05-31T00:00:00Z', '2027-06-30T00:00:00Z'))
    // 15 May 2027 is a Saturday, 15 August a Sunday; 1 May a Saturday, and W stays in the month.
    expect(nextFires('0 0 15W * *', 'UTC', 4, may)).toEqual(
      utc('2027-05-14T00:00:00Z', '2027-06-15T00:00:00Z', '2027-07-15T00:00:00Z', '2027-08-16T00:00:00Z'),
    )
    expect(nextFires('0 0 1W * *', 'UTC', 1, new Date('2027-04-20T00:00:00Z'))).toEqual(utc('2027-05-03T00:00:00Z'))
    expect(nextFires('0 0 * * 5#2', 'UTC', 2, may)).toEqual(utc('2027-05-14T00:00:00Z', '2027-06-11T00:00:00Z'))
    expect(nextFires('0 0 * * 5L', 'UTC', 2, may)).toEqual(utc('2027-05-28T00:00:00Z', '2027-06-25T00:00:00Z'))
  })

  it('say what is wrong with an invalid one', () => {
    expect(cronProblem('0 3 * * *')).toBeNull()
    expect(cronProblem('*/5 0 3 * * *', 'Europe/Paris')).toBeNull()
    expect(cronProblem('* * * *')).toBe(
      'A cron expression has 5 fields (minute hour day month weekday) or 6 (seconds first); this has 4.',
    )
    expect(cronProblem('0 0 0 1 1 * 2027')).toMatch(/this has 7\.$/)
    expect(cronProblem('60 * * * *')).toBe('Not a valid cron expression: CronPattern: Invalid value for minute: 60')
    expect(cronProblem('5-1 * * * *')).toMatch(/^Not a valid cron expression: .*'5-1'/)
    expect(cronProblem('*/0 * * * *')).toMatch(/^Not a valid cron expression: .*stepping/)
    expect(cronProblem('0 0 31 2 *')).toBe('This expression never fires.')
    expect(nextFires('nonsense', 'UTC', 3)).toEqual([])
  })
})

// An independent reading of the same rules (lib/tasks/schedule.ts, cronOptions) in Python's
// zoneinfo, over the system's tz database. Fields: *, */n, a-b, lists; day fields '*'.
// A wall-clock job (no wildcard or step in second, minute, hour) runs each listed time once
// a day: its first occurrence, or the first instant after a gap. Any other job runs at every
// instant whose local time matches, found by stepping through UTC.
const ORACLE = String.raw`
import json, sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

def field(spec, lo, hi):
    if spec == '*': return set(range(lo, hi + 1)), True
    if spec.startswith('*/'): return set(range(lo, hi + 1, int(spec[2:]))), True
    out = set()
    for part in spec.split(','):
        a, _, b = part.partition('-')
        out |= set(range(int(a), int(b or a) + 1))
    return out, False

def fires(expr, zone, start, end):
    parts = expr.split()
    step = timedelta(seconds=1) if len(parts) == 6 else timedelta(minutes=1)
    if len(parts) == 5: parts = ['0'] + parts
    (secs, w1), (mins, w2), (hours, w3) = field(parts[0], 0, 59), field(parts[1], 0, 59), field(parts[2], 0, 23)
    tz, out = ZoneInfo(zone), set()
    wall = lambda t: t.astimezone(tz).replace(tzinfo=None)
    if w1 or w2 or w3:
        t = start
        while t <= end:
            local = wall(t)
            if local.second in secs and local.minute in mins and local.hour in hours: out.add(t)
            t += step
    else:
        day = (start - timedelta(days=1)).date()
        while day <= (end + timedelta(days=1)).date():
            for h in hours:
                for m in mins:
                    for s in secs:
                        naive = datetime(day.year, day.month, day.day, h, m, s)
                        readings = (naive.replace(tzinfo=tz, fold=f).astimezone(timezone.utc) for f in (0, 1))
                        valid = [t for t in readings if wall(t) == naive]
                        if valid: out.add(min(valid))
                        else:
                            t = naive.replace(tzinfo=tz, fold=1).astimezone(timezone.utc)
                            while wall(t) <= naive: t += timedelta(seconds=1)
                            out.add(t)
            day += timedelta(days=1)
    return sorted(t.isoformat().replace('+00:00', 'Z') for t in out if start < t <= end)

def instant(local, zone):
    t = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone), fold=0)
    return t.astimezone(timezone.utc).isoformat().replace('+00:00', 'Z')

parse = lambda s: datetime.fromisoformat(s.replace('Z', '+00:00'))
req = json.load(sys.stdin)
print(json.dumps({
    'fires': [fires(c['expr'], c['zone'], parse(c['start']), parse(c['end'])) for c in req['fires']],
    'instants': [instant(c['local'], c['zone']) for c in req['instants']],
}))
`

// Two days around each change of 2027: clocks forward, then back.
const windows: Record<string, [string, string][]> = {
  'Europe/Paris': [
    ['2027-03-27T12:00:00Z', '2027-03-29T12:00:00Z'],
    ['2027-10-30T12:00:00Z', '2027-11-01T12:00:00Z'],
  ],
  'America/New_York': [
    ['2027-03-13T12:00:00Z', '2027-03-15T12:00:00Z'],
    ['2027-11-06T12:00:00Z', '2027-11-08T12:00:00Z'],
  ],
  // Half an hour forward and back, at 02:00 local.
  'Australia/Lord_Howe': [
    ['2027-04-02T12:00:00Z', '2027-04-04T12:00:00Z'],
    ['2027-10-01T12:00:00Z', '2027-10-03T12:00:00Z'],
  ],
}
const expressions = ['30 2 * * *', '15 1-3 * * *', '0,30 2 * * *', '10 30 2 * * *', '*/30 * * * *', '0 */2 * * *']
const fireCases = Object.entries(windows).flatMap(([zone, spans]) =>
  spans.flatMap(([start, end]) => expressions.map((expr) => ({ expr, zone, start, end }))),
)
// Before, in and after each change's gap or overlap, plus an ordinary time.
const instantCases = [
  ['2027-03-28T01:59', '2027-03-28T02:30', '2027-03-28T03:00', '2027-10-31T02:30', '2027-10-31T03:00'].map((local) => ({
    local,
    zone: 'Europe/Paris',
  })),
  ['2027-03-14T02:15', '2027-11-07T01:30', '2027-11-07T02:00', '2027-07-01T12:00'].map((local) => ({
    local,
    zone: 'America/New_York',
  })),
  ['2027-04-04T01:45', '2027-10-03T02:15', '2027-10-03T02:30'].map((local) => ({ local, zone: 'Australia/Lord_Howe' })),
].flat()

const oracle = JSON.parse(
  execFileSync('python3', ['-c', ORACLE], {
    input: JSON.stringify({ fires: fireCases, instants: instantCases }),
  }).toString(),
) as { fires: string[][]; instants: string[] }

describe('time zones across DST changes, against Python zoneinfo', () => {
  it.each(fireCases.map((c, i) => ({ ...c, expected: oracle.fires[i] })))(
    '$expr in $zone from $start',
    ({ expr, zone, start, end, expected }) => {
      expect(expected.length).toBeGreaterThan(0)
      const after = new Date(start)
      const until = new Date(end)
      const forward = nextFires(expr, zone, expected.length + 1, after).filter((t) => t <= until)
      expect(forward.map((t) => t.toISOString().replace('.000', ''))).toEqual(expected)
      // The misfire search walks the same fires backwards.
      const backward = latestFires(expr, zone, after, until, expected.length + 1).reverse()
      expect(backward).toEqual(forward)
    },
  )

  it('reads a wall-clock time as Python does: first of two occurrences, forward over a gap', () => {
    expect(instantCases.map((c) => zonedToInstant(c.local, c.zone)?.toISOString().replace('.000', ''))).toEqual(
      oracle.instants,
    )
    // Spelled out for Paris: 02:30 does not exist on 28 March (→ 03:30 CEST) and occurs twice on 31 October.
    expect(zonedToInstant('2027-03-28T02:30', 'Europe/Paris')).toEqual(new Date('2027-03-28T01:30:00Z'))
    expect(zonedToInstant('2027-10-31T02:30', 'Europe/Paris')).toEqual(new Date('2027-10-31T00:30:00Z'))
    expect(zonedToInstant('2027-02-29T10:00', 'UTC')).toBeNull()
    expect(zonedToInstant('2027-01-01T24:00', 'UTC')).toBeNull()
    expect(zonedToInstant('2027-01-01 10:00', 'UTC')).toBeNull()
  })
})
