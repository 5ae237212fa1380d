'use client'
import { SearchIcon, XIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useQueryStates } from 'nuqs'
import { useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { searchRunOutputAction } from '@/lib/runs/actions'
import { filterTargetRuns } from '@/lib/runs/result-groups'
import { isLive, statusLabels } from '@/lib/runs/statuses'
import { runViewParams } from '@/lib/runs/view-params'
import { useLiveRun } from './live-run'
import { ResultGroups, StatusCounts } from './result-groups'
import { TargetRunDetail } from './target-run-detail'
import { TargetRunRows } from './target-run-rows'

/**
 * The body of a run's page: counts by status, result groups, the target rows (filtered by
 * status, group and output search, all in the URL) and the open target's output.
 */
export function RunResults() {
  const { tenant, runId, run, targetRuns, openId } = useLiveRun()
  const [view, setView] = useQueryStates(runViewParams, { history: 'push' })
  const live = isLive(run.status)
  const search = useAction(searchRunOutputAction)
  const { execute } = search
  // Searched again when the run ends: hosts still printing may match by then.
  useEffect(() => {
    if (view.q) execute({ tenant, id: runId, q: view.q })
  }, [execute, tenant, runId, view.q, live])
  const matches = view.q && search.result.data ? new Set(search.result.data.targetRunIds) : null
  const rows = filterTargetRuns(targetRuns, { status: view.status, group: view.group, matches })
  const filtered = view.status || view.group || view.q
  // The open output belongs to a row in view: filtering it away opens the first row left.
  const firstRow = rows[0]?.id
  const openShown = rows.some((r) => r.id === openId)
  useEffect(() => {
    if (!openShown && firstRow) void setView({ target: firstRow }, { history: 'replace' })
  }, [openShown, firstRow, setView])

  return (
    <div className="grid gap-4">
      <StatusCounts />
      <ResultGroups />
      <div className="flex flex-wrap items-center gap-3">
        <OutputSearch key={view.q} q={view.q} onSearch={(q) => void setView({ q: q || null })} />
        {view.q && (
          <span className="text-sm text-muted-foreground" aria-live="polite">
            {search.isPending
              ? 'Searching…'
              : search.result.serverError
                ? search.result.serverError
                : `${matches?.size ?? 0} of ${targetRuns.length} targets printed “${view.q}”`}
          </span>
        )}
        {filtered && (
          <Button variant="ghost" size="sm" onClick={() => void setView({ status: null, group: null, q: null })}>
            <XIcon aria-hidden /> Show all targets
            {view.status && <span className="sr-only"> (now {statusLabels[view.status]} only)</span>}
          </Button>
        )}
      </div>
      {rows.length ? (
        <TargetRunRows rows={rows} />
      ) : (
        <p className="text-sm text-muted-foreground">{filtered ? 'No target matches.' : 'No targets yet.'}</p>
      )}
      <TargetRunDetail search={view.q} />
    </div>
  )
}

/** Keyed by the URL's q by its parent, so a Back or a cleared filter shows the text searched. */
function OutputSearch({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const [value, setValue] = useState(q)
  return (
    <form
      role="search"
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        onSearch(value.trim())
      }}
    >
      <Input
        type="search"
        aria-label="Search output"
        placeholder="Search every target's output…"
        value={value}
        maxLength={200}
        onChange={(e) => setValue(e.target.value)}
        className="w-72"
      />
      <Button type="submit" variant="outline" size="sm">
        <SearchIcon aria-hidden /> Search
      </Button>
    </form>
  )
}
