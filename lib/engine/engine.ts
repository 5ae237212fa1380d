import 'server-only'
import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { hostname } from 'node:os'
import { db } from '@/lib/db'
import { notifyRunsEnded, unnotifiedRuns } from '@/lib/notify/run-finished'
import { expireGates } from '@/lib/runs/gates'
import { executeRun, type RunStatus } from './execute-run'
import { markRunLocal, runChanged } from './run-events'
import { claimQueuedRun, interruptExpiredRuns, renewLeases } from './lease'
import { Semaphore } from './semaphore'
import { followRunStatus } from './task-status'

const CATCH_UP_EVERY_MS = 60_000

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

  async function execute(runId: string, controller: AbortController) {
    let status: RunStatus | 'waiting' | 'interrupted' = 'interrupted'
    let error: string | null = null
    try {
      ;({ status, error } = await executeRun(runId, {
        sshSlots,
        outputCap: options.outputCap,
        signal: controller.signal,
      }))
    } catch (e) {
      status = 'failed'
      error = 'The engine failed while running it; see the server log.'
      console.error(`[fanout] run ${runId} failed in the engine:`, e)
    } finally {
      running.delete(runId)
    }
    markRunLocal(runId, false)
    // Paused at a confirmation: pauseAtGate released it already.
    if (status === 'waiting') return
    // Only while this engine still holds it: a run another engine interrupted stays so.
    const { count } = await db.run.updateMany({
      where: { id: runId, ownerId, status: 'running' },
      data: { status, error, finishedAt: new Date(), ownerId: null, leaseExpiresAt: null },
    })
    runChanged(runId)
    if (count) {
      await followRunStatus([runId], status)
      await notifyRunsEnded([runId])
    }
  }

  async function tick(): Promise<void> {
    // A wake-up during a tick (a run queued meanwhile) runs one more right after it.
    if (ticking) return void (again = true)
    if (stopping) return
    ticking = true
    again = false
    try {
      const interrupted = await interruptExpiredRuns()
      await followRunStatus(interrupted, 'interrupted')
      await notifyRunsEnded(interrupted)
      await expireGates()
      // Runs whose server died between their end and its notification are notified here.
      if (Date.now() - lastCatchUp > CATCH_UP_EVERY_MS) {
        lastCatchUp = Date.now()
        await notifyRunsEnded(await unnotifiedRuns())
      }
      const held = await renewLeases(ownerId, [...running.keys()], options.leaseMs)
      // A run this engine lost (its lease expired and another engine ended it) is stopped.
      for (const [id, controller] of running) if (!held.includes(id)) controller.abort()
      const cancelled = await db.run.findMany({
        where: { id: { in: held }, cancelRequestedAt: { not: null } },
        select: { id: true },
      })
      for (const { id } of cancelled) running.get(id)?.abort()
      while (!stopping && running.size < maxRuns) {
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
      vitals.lastTickAt = Date.now()
    } catch (e) {
      console.error('[fanout] engine tick failed:', e instanceof Error ? e.message : e)
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
    },
  }
}
