// The dashboard's time window, in UTC days: the same days whatever the viewer's zone, so two
// people looking at one tenant see the same bars.

const DAY_MS = 86_400_000
const WINDOW_DAYS = 30

/** Midnight UTC of the day `at` falls on. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()))
}

export interface DashboardWindow {
  /** Midnight UTC of the oldest day. */
  since: Date
  /** Every day of the window as YYYY-MM-DD, oldest first, today last. */
  days: string[]
}

/** Today and the days before it, `days` in all. */
export function dashboardWindow(now = new Date(), days = WINDOW_DAYS): DashboardWindow {
  const today = startOfUtcDay(now).getTime()
  const since = new Date(today - (days - 1) * DAY_MS)
  return {
    since,
    days: Array.from({ length: days }, (_, i) => new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10)),
  }
}

/**
 * The value below which a share p (0…1) of the sorted values fall, interpolating between the
 * two nearest ranks (numpy's default), so the median of 1, 2, 3, 4 is 2.5.
 */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null
  const at = p * (sorted.length - 1)
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo)
}
