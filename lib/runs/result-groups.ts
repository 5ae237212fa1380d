// Grouping and filtering a run's target-runs for its page. Pure: the page's client
// components run it on every live update.
import { type LiveTargetRun, resultKey } from './live'
import type { TargetRunStatus } from './statuses'
import { groupId } from './view-params'

export interface ResultGroup {
  id: string
  status: TargetRunStatus
  exitCode: number | null
  error: string | null
  count: number
  /** The first target-run of the group, whose output stands for the group's. */
  first: LiveTargetRun
}

/** Targets with identical results, largest group first, then by status and exit code. */
export function groupResults(targetRuns: LiveTargetRun[]): ResultGroup[] {
  const groups = new Map<string, ResultGroup>()
  for (const t of targetRuns) {
    const id = groupId(resultKey(t))
    const group = groups.get(id)
    if (group) group.count++
    else groups.set(id, { id, status: t.status, exitCode: t.exitCode, error: t.error, count: 1, first: t })
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || a.status.localeCompare(b.status) || (a.exitCode ?? -1) - (b.exitCode ?? -1),
  )
}

export interface RowFilter {
  status: TargetRunStatus | null
  group: string | null
  /** Target-run ids whose output matched the search, or null when there is no search. */
  matches: ReadonlySet<string> | null
}

export function filterTargetRuns(targetRuns: LiveTargetRun[], filter: RowFilter): LiveTargetRun[] {
  return targetRuns.filter(
    (t) =>
      (!filter.status || t.status === filter.status) &&
      (!filter.group || groupId(resultKey(t)) === filter.group) &&
      (!filter.matches || filter.matches.has(t.id)),
  )
}
