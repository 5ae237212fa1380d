import { Cron } from 'croner'

// Cron expressions and time zones, one reading for the form, the list and the scheduler.
// No server imports: the task form previews fire times as the user types.

/** 5 fields (minute precision) or 6 (seconds first), as PRODUCT.md §3 allows. */
const MODE = '5-or-6-parts' as const

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
    const job = new Cron(expression.trim(), { timezone, mode: MODE, paused: true })
    if (!job.nextRun()) return 'This expression never fires.'
    return null
  } catch (error) {
    return `Not a valid cron expression: ${error instanceof Error ? error.message : String(error)}`
  }
}

/** The next `count` fire times after `from`, or [] when the expression is not valid. */
export function nextFires(expression: string, timezone: string, count: number, from = new Date()): Date[] {
  try {
    return new Cron(expression.trim(), { timezone, mode: MODE, paused: true }).nextRuns(count, from)
  } catch {
    return []
  }
}

/** Fire times in (after, until], oldest first, at most `limit` (misfire detection). */
export function firesBetween(expression: string, timezone: string, after: Date, until: Date, limit = 1000): Date[] {
  const fires: Date[] = []
  let job: Cron
  try {
    job = new Cron(expression.trim(), { timezone, mode: MODE, paused: true })
  } catch {
    return fires
  }
  let next = job.nextRun(after)
  while (next && next <= until && fires.length < limit) {
    fires.push(next)
    next = job.nextRun(next)
  }
  return fires
}

/** A wall-clock time in a zone as an instant: "2026-03-29T02:30" in Europe/Paris → Date. */
export function zonedToInstant(local: string, timezone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local)
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0))
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s || 0)
  // The zone's offset at that moment, found by formatting; twice, for times near a change.
  let guess = asUtc
  for (let i = 0; i < 2; i++) guess = asUtc - offsetMs(new Date(guess), timezone)
  return new Date(guess)
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
