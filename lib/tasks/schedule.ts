import { Cron, type CronOptions } from 'croner'

// Cron expressions and time zones, one reading for the form, the list and the scheduler.
// No server imports: the task form previews fire times as the user types.

/**
 * How every cron expression is read: 5 fields (minute precision) or 6 (seconds first), as
 * PRODUCT.md §3 allows. Across a DST change, an expression whose second, minute and hour
 * fields hold no wildcard or step ("30 2 * * *", "0 2,14 * * *") is a wall-clock job: a
 * time that falls in the gap runs at the first valid time after it, a time that occurs
 * twice runs once (the first time). Any other expression is an interval job: it skips the
 * gap and runs at both occurrences of a repeated time. This is Vixie cron's rule; croner's
 * default would make a list like "0 2,14" skip the gap and run twice in the overlap.
 */
export function cronOptions(timezone: string) {
  return { timezone, mode: '5-or-6-parts', fixedTimeRule: 'no-wildcard' } satisfies CronOptions
}

function parse(expression: string, timezone: string) {
  return new Cron(expression.trim(), { ...cronOptions(timezone), paused: true })
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Why an expression is not a schedule, or null. croner's own message names the field. */
export function cronProblem(expression: string, timezone = 'UTC'): string | null {
  const fields = expression.trim().split(/\s+/).filter(Boolean)
  if (fields.length < 5 || fields.length > 6) {
    return `A cron expression has 5 fields (minute hour day month weekday) or 6 (seconds first); this has ${fields.length}.`
  }
  try {
    if (!parse(expression, timezone).nextRun()) return 'This expression never fires.'
    return null
  } catch (error) {
    return `Not a valid cron expression: ${error instanceof Error ? error.message : String(error)}`
  }
}

/** The next `count` fire times after `from`, or [] when the expression is not valid. */
export function nextFires(expression: string, timezone: string, count: number, from = new Date()): Date[] {
  try {
    return parse(expression, timezone).nextRuns(count, from)
  } catch {
    return []
  }
}

/**
 * The latest fire times in (after, until], newest first, at most `count` (misfire
 * detection: only the latest missed fires matter, however long the server was down).
 */
export function latestFires(expression: string, timezone: string, after: Date, until: Date, count: number): Date[] {
  let job: Cron
  try {
    job = parse(expression, timezone)
  } catch {
    return []
  }
  const fires: Date[] = []
  // croner counts a fire earlier in the reference's second as previous: 1 ms past `until`
  // includes a fire at exactly `until`; a fire itself as the reference excludes it.
  let reference = new Date(until.getTime() + 1)
  while (fires.length < count) {
    const [previous] = job.previousRuns(1, reference)
    if (!previous || previous <= after) break
    fires.push(previous)
    reference = previous
  }
  return fires
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * A wall-clock time in a zone as an instant: "2026-03-29T03:30" in Europe/Paris → Date, or
 * null when it is not a date and time. A time that occurs twice (clocks set back) is its
 * first occurrence; a time skipped by clocks set forward moves forward by the gap
 * ("02:30" on the night of the change → 03:30), as Python's zoneinfo and Temporal read them.
 */
export function zonedToInstant(local: string, timezone: string): Date | null {
  const m = LOCAL.exec(local)
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0))
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s)
  const check = new Date(asUtc)
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    return null
  // No zone changes its offset twice within a day: the offsets a day before and after
  // are the only candidates. Each that maps back to the wall time is a valid reading.
  const day = 24 * 3600_000
  const before = offsetMs(new Date(asUtc - day), timezone)
  const after = offsetMs(new Date(asUtc + day), timezone)
  const valid = [before, after]
    .map((offset) => asUtc - offset)
    .filter((instant) => offsetMs(new Date(instant), timezone) === asUtc - instant)
  // In a gap neither does: the offset from before the change moves the time forward.
  return new Date(valid.length ? Math.min(...valid) : asUtc - before)
}

function offsetMs(at: Date, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return wall - Math.floor(at.getTime() / 1000) * 1000
}

/** An instant as the zone's wall-clock time, for showing: "2026-03-29 03:30 CEST". */
export function formatInZone(at: Date | string | null | undefined, timezone: string): string {
  if (!at) return '—'
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(typeof at === 'string' ? new Date(at) : at)
}
