import 'server-only'
import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { hostname } from 'node:os'
import { db } from '@/lib/db'
import { notifyRunsEnded, unnotifiedRuns } from '@/lib/notify/run-finished'
import { expireGates } from '@/lib/runs/gates'
import { briefly, databaseFailureKind, describeDatabaseFailure, withDatabaseRetry } from './database-failure'
import { executeRun, type RunStatus } from './execute-run'
import { markRunLocal, runChanged } from './run-events'
import { claimQueuedRun, interruptExpiredRuns, renewLeases } from './lease'
import { fairShare, leaveEngines, recordLoad } from './peers'
import { OutputNotStoredError } from './output-sink'
import { Semaphore } from './semaphore'
import { followRunStatus } from './task-status'

const CATCH_UP_EVERY_MS = 60_000
// How long the end of a run is tried again while the database is away. Past that its lease,
// no longer renewed, ends it as interrupted once the database is back.
const FINISH_RETRY_MS = 120_000

export interface EngineOptions {
  leaseMs: number
  maxSsh: number
  outputCap: number
  /** How many runs this process executes at once. */
  maxRuns?: number
  pollMs?: number
}

/** What /api/health and /api/metrics read about an engine of this process. */
export interface EngineVitals {
  sshSlots: Semaphore
  pollMs: number
  /** When its last tick completed without an error (null: none yet). */
  lastTickAt: number | null
}

// Engines running in this process, by their tick. A global, not a module variable: Next
// bundles instrumentation (which starts the engine) apart from the actions that queue runs.
const engines: Map<() => Promise<void>, EngineVitals> = ((
  globalThis as { fanoutEngineVitals?: Map<() => Promise<void>, EngineVitals> }
).fanoutEngineVitals ??= new Map())

/** A run's error when executing it threw: what a user can act on, the details in the server log. */
function engineFailure(e: unknown): string {
  if (e instanceof OutputNotStoredError) return e.message
  if (databaseFailureKind(e) !== 'other') {
    return `The engine could not write to its database while running it: ${describeDatabaseFailure(e)}.`
  }
  return 'The engine failed while running it; see the server log.'
}

const lostDatabase = (trouble: string) =>
  `The server running it could not write to its database for longer than the run's lease (${trouble}); its scripts were stopped.`

/** Lets this process's engines claim a run just queued now instead of at their next poll. */
export function wakeEngines() {
  for (const poke of engines.keys()) void poke()
}

export function engineVitals(): EngineVitals[] {
  return [...engines.values()]
}

/**
 * The engine of one server process: claims queued runs (new ones, and continued ones that
 * waited at a confirmation), executes them, renews their leases, watches for cancel
 * requests, finishes runs whose owner died as interrupted and aborts confirmations that
 * timed out.
 * Returns a stop function (tests; the server runs it for its whole life).
 */
export function startEngine(options: EngineOptions) {
  const ownerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const sshSlots = new Semaphore(options.maxSsh)
  const running = new Map<string, AbortController>()
  const maxRuns = options.maxRuns ?? 20
  const pollMs = options.pollMs ?? 1000
  const vitals: EngineVitals = { sshSlots, pollMs, lastTickAt: null }
  let stopping = false
  let lastCatchUp = 0
  let ticking = false
  let again = false
  // Why this engine's last ticks failed on the database (null: the last one did not).
  let databaseTrouble: string | null = null
  // Runs this engine stopped because their lease ran out and they were interrupted.
  const lost = new Set<string>()

  async function execute(runId: string, controller: AbortController) {
    let status: RunStatus | 'waiting' | 'interrupted' = 'interrupted'
    let error: string | null = null
    let threw = false
    try {
      ;({ status, error } = await executeRun(runId, {
        sshSlots,
        outputCap: options.outputCap,
        signal: controller.signal,
      }))
    } catch (e) {
      status = 'failed'
      error = engineFailure(e)
      threw = true
      console.error(`[fanout] run ${runId} failed in the engine:`, e)
    }
    markRunLocal(runId, false)
    try {
      // Paused at a confirmation: pauseAtGate released it already.
      if (status !== 'waiting') await finish(runId, status, error, threw)
    } catch (e) {
      console.error(`[fanout] could not record the end of run ${runId} (its lease will end it):`, briefly(e))
    } finally {
      // Held (its lease renewed) until its end is recorded.
      running.delete(runId)
      lost.delete(runId)
    }
  }

  async function finish(runId: string, status: RunStatus | 'interrupted', error: string | null, threw: boolean) {
    // Only while this engine still holds it: a run another engine interrupted stays so.
    const { count } = await withDatabaseRetry(
      () =>
        db.run.updateMany({
          where: { id: runId, ownerId, status: 'running' },
          data: { status, error, finishedAt: new Date(), ownerId: null, leaseExpiresAt: null },
        }),
      FINISH_RETRY_MS,
    )
    runChanged(runId)
    if (count) {
      // An execution that threw may have left target-runs unfinished: they end with the run.
      if (threw) {
        await db.targetRun.updateMany({
          where: { runId, status: { in: ['queued', 'running'] } },
          data: { status: 'interrupted', error, finishedAt: new Date() },
        })
      }
      await followRunStatus([runId], status)
      await notifyRunsEnded([runId])
    } else if (lost.has(runId)) {
      // Its scripts were stopped because the run was interrupted, not because anyone cancelled it.
      const run = await db.run.findUnique({ where: { id: runId }, select: { status: true, error: true } })
      if (run?.status !== 'interrupted') return
      await db.targetRun.updateMany({
        where: { runId, status: 'cancelled' },
        data: { status: 'interrupted', error: run.error },
      })
      runChanged(runId)
    }
  }

  async function tick(): Promise<void> {
    // A wake-up during a tick (a run queued meanwhile) runs one more right after it.
    if (ticking) return void (again = true)
    if (stopping) return
    ticking = true
    again = false
    try {
      // This engine's own runs, when it could not renew them because the database was away.
      const own = databaseTrouble ? { ownerId, reason: lostDatabase(databaseTrouble) } : undefined
      // Renewed first otherwise: a tick that came late on a loaded server must not end this
      // engine's own runs, whose leases ran out meanwhile, while it still executes them.
      const renewed = own ? null : await renewLeases(ownerId, [...running.keys()], options.leaseMs)
      const interrupted = await interruptExpiredRuns(new Date(), own)
      await followRunStatus(interrupted, 'interrupted')
      await notifyRunsEnded(interrupted)
      await expireGates()
      // Runs whose server died between their end and its notification are notified here.
      if (Date.now() - lastCatchUp > CATCH_UP_EVERY_MS) {
        lastCatchUp = Date.now()
        await notifyRunsEnded(await unnotifiedRuns())
      }
      const held = renewed ?? (await renewLeases(ownerId, [...running.keys()], options.leaseMs))
      // A run this engine lost (its lease expired and another engine ended it) is stopped.
      for (const [id, controller] of running) {
        if (held.includes(id) || controller.signal.aborted) continue
        lost.add(id)
        controller.abort()
      }
      const cancelled = await db.run.findMany({
        where: { id: { in: held }, cancelRequestedAt: { not: null } },
        select: { id: true },
      })
      for (const { id } of cancelled) running.get(id)?.abort()
      const share = await fairShare({ id: ownerId, runs: running.size, maxRuns, pollMs })
      const before = running.size
      while (!stopping && running.size < share) {
        const runId = await claimQueuedRun(ownerId, options.leaseMs)
        if (!runId) break
        await followRunStatus([runId], 'running')
        const controller = new AbortController()
        // Every connection and exec of the run listens to it: hundreds at once are expected.
        setMaxListeners(0, controller.signal)
        running.set(runId, controller)
        markRunLocal(runId, true)
        runChanged(runId)
        void execute(runId, controller)
      }
      if (running.size > before) await recordLoad({ id: ownerId, runs: running.size })
      vitals.lastTickAt = Date.now()
      if (databaseTrouble) console.error('[fanout] the engine reaches its database again')
      databaseTrouble = null
    } catch (e) {
      const trouble = databaseFailureKind(e) === 'other' ? null : describeDatabaseFailure(e)
      // Once per outage: a tick runs every poll.
      if (!trouble || !databaseTrouble) console.error('[fanout] engine tick failed:', briefly(e))
      databaseTrouble ??= trouble
    } finally {
      ticking = false
    }
    if (again) return tick()
  }

  const timer = setInterval(() => void tick(), pollMs)
  timer.unref()
  engines.set(tick, vitals)
  void tick()
  return {
    ownerId,
    /** Runs a tick now (new runs start without waiting for the next poll). */
    poke: () => tick(),
    async stop() {
      stopping = true
      clearInterval(timer)
      engines.delete(tick)
      // A tick under way would record this engine again after it left.
      while (ticking) await new Promise((r) => setTimeout(r, 10))
      // Without a database the row just expires.
      await leaveEngines(ownerId).catch(() => {})
    },
  }
}
