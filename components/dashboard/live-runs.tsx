import Link from 'next/link'
import { RunStatusBadge } from '@/components/runs/run-status-badge'
import type { TenantDashboard } from '@/lib/dashboard/queries'
import { formatDateTime } from '@/lib/format'
import { runPath } from '@/lib/runs/paths'
import { LiveRefresh } from '@/components/runs/live-refresh'

/** The runs queued or running now, newest first; the page keeps itself current while there are any. */
export function LiveRuns({ tenant, live }: { tenant: string; live: TenantDashboard['live'] }) {
  return (
    <>
      <LiveRefresh active={live.total > 0} everyMs={5000} />
      {live.total === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing is running.</p>
      ) : (
        <ul aria-label="Runs in progress" className="grid gap-2 text-sm">
          {live.rows.map((run) => (
            <li key={run.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <RunStatusBadge status={run.status} />
              <Link
                href={runPath(tenant, run)}
                className="min-w-0 truncate rounded-sm underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
              >
                {run.title || `Run ${run.id}`}
              </Link>
              <span className="ml-auto text-xs text-muted-foreground">
                {run.startedAt ? `started ${formatDateTime(run.startedAt)}` : `queued ${formatDateTime(run.createdAt)}`}
              </span>
            </li>
          ))}
          {live.total > live.rows.length && (
            <li>
              <Link href={`/${tenant}/runs`} className="text-muted-foreground underline-offset-2 hover:underline">
                and {live.total - live.rows.length} more
              </Link>
            </li>
          )}
        </ul>
      )}
    </>
  )
}
