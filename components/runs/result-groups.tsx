'use client'
import { useQueryStates } from 'nuqs'
import { cn } from '@/lib/utils'
import { groupResults } from '@/lib/runs/result-groups'
import { statusLabels, targetRunStatuses } from '@/lib/runs/statuses'
import { runViewParams } from '@/lib/runs/view-params'
import { useLiveRun } from './live-run'
import { RunStatusBadge } from './run-status-badge'

const chip = 'flex items-center gap-2 rounded-md border px-2.5 py-1.5 text-left text-sm hover:bg-accent'

/** Counts by status; each one filters the rows to that status (and again to clear). */
export function StatusCounts() {
  const { targetRuns } = useLiveRun()
  const [{ status }, setView] = useQueryStates(runViewParams, { history: 'push' })
  const counts = targetRunStatuses
    .map((s) => ({ status: s, count: targetRuns.filter((t) => t.status === s).length }))
    .filter((c) => c.count > 0)
  if (!counts.length) return <p className="text-sm text-muted-foreground">Waiting for an engine to start the run…</p>
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Targets by status">
      {counts.map((c) => (
        <button
          key={c.status}
          type="button"
          aria-pressed={status === c.status}
          className={cn(chip, status === c.status && 'border-primary bg-accent')}
          onClick={() => void setView({ status: status === c.status ? null : c.status })}
        >
          <RunStatusBadge status={c.status} />
          <span className="tabular-nums">{c.count}</span>
          <span className="sr-only">{statusLabels[c.status]} targets</span>
        </button>
      ))}
    </div>
  )
}

/**
 * Targets grouped by identical result (status, exit code, error, output). Choosing a group
 * shows its hosts and opens the first one's output, which stands for all of them.
 */
export function ResultGroups() {
  const { targetRuns } = useLiveRun()
  const [{ group }, setView] = useQueryStates(runViewParams, { history: 'push' })
  const groups = groupResults(targetRuns)
  if (groups.length < 2 && !group) return null
  return (
    <section aria-label="Results" className="grid gap-2">
      <h2 className="text-sm font-medium">
        {groups.length} distinct {groups.length === 1 ? 'result' : 'results'}
      </h2>
      <ul className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
        {groups.map((g) => (
          <li key={g.id}>
            <button
              type="button"
              aria-pressed={group === g.id}
              data-group={g.id}
              className={cn(chip, 'w-full', group === g.id && 'border-primary bg-accent')}
              onClick={() =>
                void setView(group === g.id ? { group: null } : { group: g.id, target: g.first.id, status: null })
              }
            >
              <RunStatusBadge status={g.status} />
              {g.exitCode !== null && <span className="text-muted-foreground">exit {g.exitCode}</span>}
              <span className="min-w-0 flex-1 truncate text-muted-foreground">
                {g.error ?? `like ${g.first.targetName}`}
              </span>
              <span className="font-medium tabular-nums">
                {g.count} {g.count === 1 ? 'host' : 'hosts'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
