import 'server-only'
import { mapWithConcurrency } from '@/lib/concurrency'
import { blockedMessage } from '@/lib/danger-rules/check'
import { checkContent } from '@/lib/danger-rules/queries'
import { db, type Prisma } from '@/lib/db'
import { pauseAtGate } from '@/lib/runs/gates'
import { connect, type SshConnection, SshError } from '@/lib/ssh'
import { resolveEndpoint } from '@/lib/targets/chain'
import { trustOnFirstUse } from '@/lib/targets/host-keys'
import { defaultOutputCap, RunOutputSink } from './output-sink'
import { withDatabaseRetry } from './database-failure'
import { batchNumbers, type Phase, parseRollout, runPlan } from './rollout'
import { RolloutTracker } from './rollout-tracker'
import { runChanged } from './run-events'
import { isFinished, loadTargetRuns, nextOutputSeq } from './run-state'
import type { Semaphore } from './semaphore'
import { type RunSnapshot, runSnapshotSchema, type ScriptStep, thresholdExceeded, type WorkStep } from './snapshot'
import { notChosen, type StepResults } from './step-hosts'
import { prepareStep, type StepContext } from './step-runner'

export type RunStatus = 'succeeded' | 'failed' | 'cancelled' | 'timed_out'
export interface RunResult {
  /** waiting: paused at a confirmation, released (lib/runs/gates.ts); Continue queues it again. */
  status: RunStatus | 'waiting'
  /** Why the run as a whole failed (e.g. a blocking rule), when it is not a target's failure. */
  error: string | null
}

export interface ExecuteRunOptions {
  /** The process-wide cap on open SSH connections (FANOUT_MAX_SSH). */
  sshSlots: Semaphore
  outputCap?: number
  killGraceSeconds?: number
  /** Aborting cancels the run: running scripts are killed, the rest skipped. */
  signal?: AbortSignal
}

type Open = { conn: SshConnection; release: () => void }

/** How long a target-run's status is tried again while the database is away (then the run fails). */
const TARGET_WRITE_RETRY_MS = 120_000
type Target = RunSnapshot['targets'][number]

/**
 * Executes a claimed run phase by phase (lib/engine/rollout.ts runPlan): a step on every
 * target, or on one rollout batch, ends before the next phase; targets within a phase run
 * at most `parallelism` at once, each failing alone; once failures pass the threshold the
 * targets not yet started are skipped, and a batch over it stops the rollout. At a
 * confirmation the run is released as waiting; when continued, an engine calls this again
 * and what already ran is replayed from the stored target-runs. Writes every target-run's
 * status and output as it goes and returns the run's final status.
 */
export async function executeRun(runId: string, options: ExecuteRunOptions): Promise<RunResult> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { tenantId: true, snapshot: true } })
  const scope = { tenantId: run.tenantId }
  const snapshot = runSnapshotSchema.parse(JSON.parse(run.snapshot))
  const { steps, targets, limits } = snapshot
  const rollout = snapshot.rollout ?? parseRollout(null)
  const numbers = batchNumbers(targets.length, rollout)
  const batchOf = new Map(targets.map((t, i) => [t.id, numbers[i]]))
  const batchCount = Math.max(0, ...numbers)
  const stored = await loadTargetRuns(runId, run.tenantId, snapshot, batchOf)
  runChanged(runId)
  const workSteps = steps.filter((s) => s.kind !== 'confirm')
  const blocked = await blockedSteps(
    scope,
    workSteps.filter((s) => s.kind === 'script'),
  )
  if (blocked) {
    await db.targetRun.updateMany({
      where: { runId, status: 'queued' },
      data: { status: 'skipped', finishedAt: new Date() },
    })
    return { status: 'failed', error: blocked }
  }
  const sink = new RunOutputSink(runId, {
    capBytes: options.outputCap ?? defaultOutputCap,
    firstSeq: await nextOutputSeq(runId),
  })
  // Connections outlive a step only when every target can keep one without starving the cap.
  const reuse = workSteps.length > 1 && targets.length <= options.sshSlots.limit
  const open = new Map<string, Open>()
  const outputs = new Map<string, Record<string, string>>()
  const { signal, killGraceSeconds } = options
  const context: StepContext = { runId, scope, targets, limits, sink, outputs, signal, killGraceSeconds }
  // How each work step ended on each target so far, by step index.
  const results = new Map<number, StepResults>()
  const unreachable = new Set<string>()
  let anyFailure = false
  let onlyTimeouts = true

  // Every target status written is announced to this process's live views of the run.
  // A target's status is written again while the database is briefly away.
  const setTarget = async (id: string, data: Prisma.TargetRunUpdateInput) => {
    await withDatabaseRetry(() => db.targetRun.update({ where: { id }, data }), TARGET_WRITE_RETRY_MS)
    runChanged(runId)
  }
  const finishTarget = (id: string, data: { status: string; error?: string | null }) =>
    setTarget(id, { ...data, finishedAt: new Date() })

  async function connection(targetId: string): Promise<Open> {
    const existing = open.get(targetId)
    if (existing) return existing
    const release = await options.sshSlots.acquire()
    try {
      const resolved = await resolveEndpoint(scope, 'target', targetId)
      if (!resolved) throw new SshError('unreachable', 'The target no longer exists')
      const conn = await connect({
        ...resolved,
        signal: options.signal,
        onHostKey: trustOnFirstUse(scope),
      })
      const entry = { conn, release }
      if (reuse) open.set(targetId, entry)
      return entry
    } catch (error) {
      release()
      throw error
    }
  }

  /** Runs one work step on some targets (a batch, or all), or skips them (halt says why). */
  async function runStep(stepIndex: number, phaseTargets: Target[], halt: string | null) {
    const step = steps[stepIndex] as WorkStep
    const previousIndex = steps.findLastIndex((s, i) => i < stepIndex && s.kind !== 'confirm')
    const previous = results.get(previousIndex)
    const current = results.get(stepIndex) ?? new Map<string, string>()
    results.set(stepIndex, current)
    // The threshold counts the targets the step runs on.
    const total = phaseTargets.filter((t) => !notChosen(step, previousIndex, previous, t)).length
    let failed = 0
    const countFailure = (status: string) => {
      failed++
      anyFailure = true
      if (status !== 'timed_out') onlyTimeouts = false
      if (thresholdExceeded(limits, failed, total)) tracker.stopped = true
    }
    // Prepared by the first target that runs: a step every target skips reads no files.
    let preparing: ReturnType<typeof prepareStep> | null = null
    await mapWithConcurrency(phaseTargets, limits.parallelism, async (target) => {
      const prior = stored.get(`${stepIndex}:${target.id}`)!
      const id = prior.id
      // Ran before the run paused at a confirmation: its outcome counts as it did then.
      if (isFinished(prior)) {
        current.set(target.id, prior.status)
        outputs.set(target.id, { ...outputs.get(target.id), ...prior.outputs })
        if (prior.status === 'connect_failed') unreachable.add(target.id)
        if (failureStatuses.has(prior.status)) countFailure(prior.status)
        return
      }
      const finish = (data: { status: string; error?: string | null }) => {
        current.set(target.id, data.status)
        return finishTarget(id, data)
      }
      if (options.signal?.aborted) return finish({ status: 'cancelled' })
      if (halt) return finish({ status: 'skipped', error: halt })
      if (tracker.stopped || unreachable.has(target.id)) return finish({ status: 'skipped' })
      const reason = notChosen(step, previousIndex, previous, target)
      if (reason) return finish({ status: 'skipped', error: reason })
      const prepared = await (preparing ??= prepareStep(context, step, previous))
      if ('error' in prepared) {
        countFailure('failed')
        return finish({ status: 'failed', error: prepared.error })
      }
      await setTarget(id, { status: 'running', startedAt: new Date() })
      let entry: Open
      try {
        entry = await connection(target.id)
      } catch (error) {
        if (!(error instanceof SshError) && !options.signal?.aborted) throw error
        unreachable.add(target.id)
        countFailure('connect_failed')
        return options.signal?.aborted
          ? finish({ status: 'cancelled' })
          : finish({ status: 'connect_failed', error: (error as SshError).message })
      }
      try {
        const outcome = await prepared.run(entry.conn, id, target)
        outputs.set(target.id, { ...outputs.get(target.id), ...outcome.outputs })
        if (outcome.status !== 'succeeded' && outcome.status !== 'cancelled') countFailure(outcome.status)
        current.set(target.id, outcome.status)
        await setTarget(id, {
          status: outcome.status,
          exitCode: outcome.exitCode,
          error: outcome.error,
          outputs: Object.keys(outcome.outputs).length
            ? JSON.stringify(outcome.storedOutputs ?? outcome.outputs)
            : null,
          outputHash: sink.digest(id),
          finishedAt: new Date(),
        })
      } finally {
        if (!reuse) {
          await entry.conn.close()
          entry.release()
        }
      }
    })
    return { failed, total }
  }

  const inBatch = (batch: number) => (batch ? targets.filter((t) => batchOf.get(t.id) === batch) : targets)
  const plan = runPlan(steps, rollout, batchCount)
  const tracker = new RolloutTracker(rollout, limits, plan, (b) => inBatch(b).length, batchCount)

  /** pass: go on; waiting: the run is released at the gate; ended: it is no longer ours to run. */
  async function passGate(phase: Extract<Phase, { kind: 'gate' }>): Promise<'pass' | 'waiting' | 'ended'> {
    const gate = await db.runGate.findUnique({
      where: { runId_key: { runId, key: phase.key } },
      select: { status: true },
    })
    if (gate?.status === 'continued') return 'pass'
    if (gate && gate.status !== 'waiting') return 'ended'
    return (await pauseAtGate(runId, { ...phase, message: tracker.gateMessage(phase) })) ? 'waiting' : 'ended'
  }

  try {
    for (const [index, phase] of plan.entries()) {
      if (phase.kind === 'delay') {
        if (!tracker.stopped && !options.signal?.aborted) await pause(phase.seconds * 1000, options.signal)
      } else if (phase.kind === 'gate') {
        if (tracker.stopped || options.signal?.aborted) continue
        const passed = await passGate(phase)
        if (passed === 'waiting') return { status: 'waiting', error: null }
        if (passed === 'ended') return { status: 'cancelled', error: null }
      } else {
        const step = steps[phase.stepIndex] as WorkStep
        const { failed, total } = await runStep(phase.stepIndex, inBatch(phase.batch), tracker.halted(phase))
        tracker.afterRun(phase, index, step.continueOnFailure, failed, total)
      }
    }
  } finally {
    await Promise.all([...open.values()].map(async (e) => (await e.conn.close(), e.release())))
    await sink.close()
  }
  if (options.signal?.aborted) return { status: 'cancelled', error: null }
  if (!anyFailure && !tracker.stopped) return { status: 'succeeded', error: null }
  return { status: anyFailure && onlyTimeouts ? 'timed_out' : 'failed', error: tracker.reason }
}

const failureStatuses = new Set(['failed', 'timed_out', 'connect_failed', 'interrupted'])

/** Waits ms (a delay between batches), or less when the run is cancelled meanwhile. */
function pause(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

/**
 * The tenant's blocking rules, checked again at run time (and when a run resumes): a rule
 * added after a script was saved still stops it before any target is touched. Returns why, or null.
 */
async function blockedSteps(scope: { tenantId: string }, steps: ScriptStep[]): Promise<string | null> {
  for (const step of steps) {
    const { blocked } = await checkContent(scope, step.content)
    if (blocked.length) return blockedMessage(blocked, `Refused to run ${step.scriptName}`)
  }
  return null
}
