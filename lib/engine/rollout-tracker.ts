import type { Phase, Rollout } from './rollout'
import { batchThresholdExceeded, type RunSnapshot } from './snapshot'

type RunPhase = Extract<Phase, { kind: 'run' }>
type GatePhase = Extract<Phase, { kind: 'gate' }>

/**
 * What a run's failures decide between phases: whether later steps and batches still run
 * (the step's continue-on-failure, the threshold checked per batch), and what a gate says.
 */
export class RolloutTracker {
  /** Nothing more runs: the targets not yet reached are skipped. */
  stopped = false
  /** Why the rollout stopped before its next batch (the run's error). */
  reason: string | null = null
  /** Whole-run rollouts: the batch whose later steps are skipped after a step failed in it. */
  private haltedBatch = 0
  private readonly failures = new Map<string, { failed: number; total: number }>()
  private readonly lastPhaseOfStep = new Map<number, number>()

  constructor(
    private readonly rollout: Rollout,
    private readonly limits: RunSnapshot['limits'],
    plan: Phase[],
    private readonly batchSize: (batch: number) => number,
    private readonly batchCount: number,
  ) {
    plan.forEach((p, i) => p.kind === 'run' && this.lastPhaseOfStep.set(p.stepIndex, i))
  }

  /** Why the phase's targets are skipped without running, or null. */
  halted(phase: RunPhase): string | null {
    return this.rollout.mode === 'run' && this.haltedBatch === phase.batch
      ? 'Not run: an earlier step failed in this batch'
      : null
  }

  /** After phase `index` ran on `total` targets of which `failed` failed. */
  afterRun(phase: RunPhase, index: number, continueOnFailure: boolean, failed: number, total: number) {
    const unit = this.rollout.mode === 'steps' ? `${phase.stepIndex}:${phase.batch}` : String(phase.batch)
    const sum = this.failures.get(unit) ?? { failed: 0, total: 0 }
    sum.failed += failed
    sum.total = this.rollout.mode === 'steps' ? total : this.batchSize(phase.batch)
    this.failures.set(unit, sum)
    if (failed > 0 && !continueOnFailure) {
      if (this.rollout.mode === 'run') this.haltedBatch = phase.batch
      else if (this.lastPhaseOfStep.get(phase.stepIndex) === index) this.stopped = true
    }
    // A batch whose own failures stopped it mid-way stops the rollout too, and says so.
    if (!phase.endsBatch || this.reason || phase.batch >= this.batchCount) return
    if (batchThresholdExceeded(this.limits, sum.failed, sum.total)) {
      this.stopped = true
      this.reason =
        `Batch ${phase.batch} of ${this.batchCount} failed on ${sum.failed} of ${sum.total} hosts, over the ` +
        `failure threshold: the rollout stopped before batch ${phase.batch + 1}.`
    }
  }

  /** What the people asked at a gate read: its own message, then where the run stands. */
  gateMessage(gate: GatePhase): string {
    const where = gate.between
      ? `${gate.batch === 2 && this.rollout.canary ? 'The canary' : `Batch ${gate.batch - 1}`} finished: continue ` +
        `with batch ${gate.batch} of ${this.batchCount} (${this.batchSize(gate.batch)} hosts)?`
      : `Continue with step ${gate.stepIndex + 2}${gate.batch ? ` on batch ${gate.batch} of ${this.batchCount}` : ''}?`
    return [gate.confirmation.message, where].filter(Boolean).join('\n')
  }
}
