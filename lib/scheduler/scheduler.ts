import 'server-only'
import { Cron } from 'croner'
import { db, type Prisma } from '@/lib/db'
import { cronOptions } from '@/lib/tasks/schedule'
import { claimFire, type FireOutcome, scheduledTasks } from './fire'
import { dueFires, missedSince, nextFire, type ScheduledTask, scheduleKey } from './plan'

export interface SchedulerOptions {
  /** How often changes made by other processes (or straight in the database) are picked up. */
  syncMs: number
  /** Sees every fire this scheduler tried; outcome null: another process claimed it, or the task changed. */
  onFire?: (fire: { taskId: string; scheduledFor: Date; outcome: FireOutcome | null }) => void
}

interface Entry {
  task: ScheduledTask
  key: string
  updatedAt: number
  /** Every fire up to here is handled (claimed here, or left to the process that claimed it). */
  handledUntil: Date
  job: Cron | null
}

/** What /api/health reads about a scheduler of this process. */
export interface SchedulerVitals {
  syncMs: number
  /** When its last sync with the tasks table completed (null: none yet). */
  lastSyncAt: number | null
}

// The schedulers running in this process, by their refresh. A global, not a module variable:
// Next bundles instrumentation (which starts the scheduler) apart from the actions that change tasks.
const schedulers: Map<(taskId?: string) => Promise<void>, SchedulerVitals> = ((
  globalThis as { fanoutSchedulerVitals?: Map<(taskId?: string) => Promise<void>, SchedulerVitals> }
).fanoutSchedulerVitals ??= new Map())

/**
 * Makes a change to a task (or, without an id, to any task) take effect in this process's
 * schedulers now; other processes pick it up at their next sync. Resolves once applied.
 */
export async function notifySchedulers(taskId?: string) {
  await Promise.all([...schedulers.keys()].map((refresh) => refresh(taskId)))
}

export function schedulerVitals(): SchedulerVitals[] {
  return [...schedulers.values()]
}

const columns = {
  id: true,
  tenantId: true,
  type: true,
  cron: true,
  timezone: true,
  runAt: true,
  overlap: true,
  misfire: true,
  nextRunAt: true,
  lastFireAt: true,
  createdAt: true,
  updatedAt: true,
  tenant: { select: { updatedAt: true } },
} satisfies Prisma.TaskSelect

type Row = Prisma.TaskGetPayload<{ select: typeof columns }>

const later = (a: Date, b: Date) => (a > b ? a : b)

/**
 * The scheduler of one server process: one croner job per enabled cron or one-time task,
 * built from the tasks table, kept in step with it on notifySchedulers and every `syncMs`.
 * Each fire is claimed in the database, so any number of processes run it once. Returns
 * `ready` (the first load, and the fires it claimed, are done) and `stop` (tests; the
 * server runs it for its life).
 */
export function startScheduler(options: SchedulerOptions) {
  const entries = new Map<string, Entry>()
  // Per task, claims and nextRunAt writes in order: a fire sees the run the previous one queued.
  const chains = new Map<string, Promise<void>>()
  let loading: Promise<void> = Promise.resolve()
  let syncPending = false
  let stopping = false
  const vitals: SchedulerVitals = { syncMs: options.syncMs, lastSyncAt: null }

  function enqueue(taskId: string, work: () => Promise<void>) {
    const chain = (chains.get(taskId) ?? Promise.resolve()).then(work).catch((e: unknown) => {
      console.error(`[fanout] scheduler: task ${taskId}:`, e instanceof Error ? e.message : e)
    })
    chains.set(taskId, chain)
    void chain.then(() => chains.get(taskId) === chain && chains.delete(taskId))
  }

  /** Claims what fell due since the entry last looked; called by its job and on load. */
  function handleDue(entry: Entry) {
    if (stopping || entries.get(entry.task.id) !== entry) return
    const now = new Date()
    const due = dueFires(entry.task, entry.handledUntil, now)
    entry.handledUntil = now
    for (const fire of due) {
      enqueue(entry.task.id, async () => {
        const outcome = await claimFire(entry.task, fire)
        if (outcome === 'changed') void refresh(entry.task.id)
        const claimed = outcome === 'changed' || outcome === 'taken' ? null : outcome
        options.onFire?.({ taskId: entry.task.id, scheduledFor: fire.at, outcome: claimed })
      })
    }
  }

  function startJob(entry: Entry): Cron | null {
    const { task } = entry
    const tick = () => handleDue(entry)
    if (task.type === 'once')
      return task.runAt && task.runAt > new Date() ? new Cron(task.runAt, { unref: true }, tick) : null
    try {
      return new Cron(task.cron ?? '', { ...cronOptions(task.timezone), unref: true }, tick)
    } catch (e) {
      console.error(`[fanout] scheduler: task ${task.id} has no valid schedule:`, e instanceof Error ? e.message : e)
      return null
    }
  }

  function apply({ tenant, ...row }: Row) {
    const task: ScheduledTask = row
    const key = scheduleKey(task)
    const current = entries.get(row.id)
    if (current?.key === key) return void (current.updatedAt = row.updatedAt.getTime())
    current?.job?.stop()
    // A tenant enabled again counts as a change: fires while it was disabled were not due.
    const handledUntil = missedSince({ ...row, updatedAt: later(row.updatedAt, tenant.updatedAt) })
    const entry: Entry = { task, key, updatedAt: row.updatedAt.getTime(), handledUntil, job: null }
    entries.set(row.id, entry)
    entry.job = startJob(entry)
    // Once the job exists: a fire from now on is the job's; one before, missed or just due, is
    // found here. A fire both see is claimed once all the same.
    handleDue(entry)
    enqueue(row.id, async () => {
      const next = nextFire(task, new Date())
      if (row.nextRunAt?.getTime() !== next?.getTime()) {
        await db.task.updateMany({ where: { id: row.id, tenantId: row.tenantId }, data: { nextRunAt: next } })
      }
    })
  }

  function unload(taskId: string) {
    entries.get(taskId)?.job?.stop()
    entries.delete(taskId)
    // Disabled, made manual, its tenant disabled: it shows no next run. (Deleted: no row.)
    enqueue(taskId, async () => {
      await db.task.updateMany({
        where: { id: taskId, nextRunAt: { not: null }, NOT: scheduledTasks },
        data: { nextRunAt: null },
      })
    })
  }

  async function load(ids: string[]) {
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500)
      const rows = await db.task.findMany({ where: { id: { in: batch }, ...scheduledTasks }, select: columns })
      if (stopping) return
      for (const row of rows) apply(row)
      const found = new Set(rows.map((r) => r.id))
      for (const id of batch) if (!found.has(id)) unload(id)
    }
  }

  /** Loads the tasks that appeared or changed (updatedAt) and drops the ones that left. */
  async function sync() {
    const rows = await db.task.findMany({ where: scheduledTasks, select: { id: true, updatedAt: true } })
    const listed = new Set(rows.map((r) => r.id))
    await load(rows.filter((r) => entries.get(r.id)?.updatedAt !== r.updatedAt.getTime()).map((r) => r.id))
    for (const id of [...entries.keys()]) if (!listed.has(id)) unload(id)
  }

  /** One load or sync at a time, in order; a task's own refresh also waits for its writes. */
  function refresh(taskId?: string): Promise<void> {
    loading = loading
      .then(async () => {
        if (stopping) return
        if (!taskId) {
          await sync()
          vitals.lastSyncAt = Date.now()
          return
        }
        await load([taskId])
        await chains.get(taskId)
      })
      .catch((e: unknown) => console.error('[fanout] scheduler sync failed:', e instanceof Error ? e.message : e))
    return loading
  }

  const timer = setInterval(() => {
    if (syncPending) return
    syncPending = true
    void refresh().finally(() => (syncPending = false))
  }, options.syncMs)
  timer.unref()
  schedulers.set(refresh, vitals)
  // Tasks disabled while no server ran still show a next run.
  const ready = db.task
    .updateMany({ where: { nextRunAt: { not: null }, NOT: scheduledTasks }, data: { nextRunAt: null } })
    .catch((e: unknown) => console.error('[fanout] scheduler:', e instanceof Error ? e.message : e))
    .then(() => refresh())
    .then(() => Promise.all(chains.values()))
    .then(() => {})

  return {
    ready,
    /** Stops every job, and waits for the claims under way. */
    async stop() {
      stopping = true
      clearInterval(timer)
      schedulers.delete(refresh)
      for (const entry of entries.values()) entry.job?.stop()
      entries.clear()
      await loading
      await Promise.all(chains.values())
    },
  }
}
