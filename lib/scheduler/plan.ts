import { latestFires, nextFires } from '@/lib/tasks/schedule'

// When a task fires, as pure functions of its schedule: what the scheduler must claim at a
// given moment, and when it fires next. No database, no timers.

/**
 * A fire handled at most this late is an ordinary fire; a later one was missed (no server
 * ran it) and the task's misfire policy decides. Every process applies the same bound, so a
 * process that loads a task just after another one fired it claims the same fire as
 * ordinary and loses the claim, instead of recording it as missed.
 */
export const MISFIRE_GRACE_MS = 2_000

/** The columns of a task the scheduler reads. */
export interface ScheduledTask {
  id: string
  tenantId: string
  type: string
  cron: string | null
  timezone: string
  runAt: Date | null
  overlap: string
  misfire: string
}

/** One fire to claim: as an ordinary fire (a run, subject to overlap) or recorded as skipped. */
export interface DueFire {
  at: Date
  skippedMisfire: boolean
}

const wholeSecond = (at: Date) => new Date(Math.floor(at.getTime() / 1000) * 1000)

/** The task's fire times in (after, until], newest first, at most `count`. */
function firesIn(task: ScheduledTask, after: Date, until: Date, count: number): Date[] {
  if (task.type === 'once') {
    const at = task.runAt && wholeSecond(task.runAt)
    return at && at > after && at <= until ? [at] : []
  }
  return task.cron ? latestFires(task.cron, task.timezone, after, until, count) : []
}

/** The first fire strictly after `after`, or null when the task fires no more. */
export function nextFire(task: ScheduledTask, after: Date): Date | null {
  if (task.type === 'once') {
    const at = task.runAt && wholeSecond(task.runAt)
    return at && at > after ? at : null
  }
  return task.cron ? (nextFires(task.cron, task.timezone, 1, after)[0] ?? null) : null
}

/**
 * The fires to claim at `now` when every fire up to `after` is handled. Fires within the
 * grace are ordinary. Of the older ones, missed, only the latest counts: "skip" records it
 * as skipped; "run once" runs it, unless an ordinary fire runs now anyway.
 */
export function dueFires(task: ScheduledTask, after: Date, now: Date): DueFire[] {
  // Fires are whole seconds apart at least: the grace holds at most this many, plus one missed.
  const fires = firesIn(task, after, now, Math.ceil(MISFIRE_GRACE_MS / 1000) + 2)
  const recent = fires.filter((at) => now.getTime() - at.getTime() < MISFIRE_GRACE_MS).reverse()
  const missed = fires.find((at) => now.getTime() - at.getTime() >= MISFIRE_GRACE_MS)
  const due = recent.map((at) => ({ at, skippedMisfire: false }))
  if (missed && task.misfire === 'skip') return [{ at: missed, skippedMisfire: true }, ...due]
  if (missed && !recent.length) return [{ at: missed, skippedMisfire: false }]
  return due
}

/**
 * Where the search for missed fires starts when a task is loaded: its last fire, or its
 * creation. A later change restarts it (updatedAt): fires the new schedule would have had
 * before the change were never due.
 */
export function missedSince(task: { lastFireAt: Date | null; createdAt: Date; updatedAt: Date }): Date {
  const last = task.lastFireAt ?? task.createdAt
  return last > task.updatedAt ? last : task.updatedAt
}

/** What the scheduler's job for a task depends on: a change to any of it replaces the job. */
export function scheduleKey(task: ScheduledTask): string {
  return JSON.stringify([task.type, task.cron, task.timezone, task.runAt?.getTime(), task.overlap, task.misfire])
}
