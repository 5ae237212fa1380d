import Link from 'next/link'
import { pageArgs } from '@/components/data-table/search-params'
import { Badge } from '@/components/ui/badge'
import type { TaskDetail } from '@/lib/tasks/queries'
import type { TaskTargetTableState } from './search-params'
import { TaskTargetsTable } from './task-targets-table'

/**
 * The Targets tab: the labels (resolved when each run is queued, so the counts are today's)
 * and the targets picked by name, searched and paged here: the task already holds them all.
 */
export function TaskTargets({
  tenant,
  task,
  labelCounts,
  state,
}: {
  tenant: string
  task: TaskDetail
  labelCounts: Map<string, number>
  state: TaskTargetTableState
}) {
  const q = state.q.toLowerCase()
  const matching = task.targets.filter(
    (t) => !q || t.name.toLowerCase().includes(q) || t.host.toLowerCase().includes(q),
  )
  if (state.dir === 'desc') matching.reverse()
  const { skip, take } = pageArgs(state)
  return (
    <div className="grid gap-6">
      <section aria-labelledby="task-labels-heading" className="grid gap-2">
        <h2 id="task-labels-heading" className="text-sm font-semibold">
          Labels
        </h2>
        {task.labels.length === 0 ? (
          <p className="text-sm text-muted-foreground">No labels: only the targets below.</p>
        ) : (
          <ul className="flex flex-wrap gap-3" aria-label="Labels">
            {task.labels.map((label) => {
              const count = labelCounts.get(label) ?? 0
              return (
                <li key={label} className="flex items-center gap-2 text-sm">
                  <Link href={`/${tenant}/targets?label=${encodeURIComponent(label)}`}>
                    <Badge variant="outline">{label}</Badge>
                  </Link>
                  <span className="text-muted-foreground">{count === 1 ? '1 target now' : `${count} targets now`}</span>
                </li>
              )
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="task-targets-heading" className="grid gap-2">
        <h2 id="task-targets-heading" className="text-sm font-semibold">
          Targets picked by name
        </h2>
        <TaskTargetsTable tenant={tenant} rows={matching.slice(skip, skip + take)} total={matching.length} />
      </section>
    </div>
  )
}
