import type { RunSnapshot, WorkStep } from './snapshot'

// Which targets a step runs on, from how the step before ended on each of them.

type Target = RunSnapshot['targets'][number]

/** How one step ended on each target (its target-run status), by target id. */
export type StepResults = Map<string, string>

const succeeded = (previous: StepResults, target: Target) => previous.get(target.id) === 'succeeded'

/**
 * Why the step does not run on target (stored as the skipped target-run's error), or null
 * when it does. previous: how the step before (the nearest one that ran on targets, index
 * previousIndex) ended. "Failed" is every status but succeeded: a host skipped or
 * unreachable in the step before did not do its work either.
 */
export function notChosen(step: WorkStep, previousIndex: number, previous: StepResults | undefined, target: Target) {
  if (!previous || step.hosts === 'all') return null
  const ok = succeeded(previous, target)
  const n = previousIndex + 1
  if (step.hosts === 'prev_succeeded' && !ok) return `Not run: the step runs only on hosts that succeeded in step ${n}`
  if (step.hosts === 'prev_failed' && ok) return `Not run: the step runs only on hosts that failed in step ${n}`
  return null
}

/**
 * The contents of FANOUT_PREV_SUCCEEDED and FANOUT_PREV_FAILED: the previous step's target
 * names, one a line. Files, not variables: a fleet's names outgrow what an environment holds.
 */
export function previousHostFiles(targets: Target[], previous: StepResults | undefined): Record<string, string> {
  if (!previous) return {}
  const names = (ok: boolean) =>
    targets
      .filter((t) => succeeded(previous, t) === ok)
      .map((t) => `${t.name}\n`)
      .join('')
  return { FANOUT_PREV_SUCCEEDED: names(true), FANOUT_PREV_FAILED: names(false) }
}
