import Link from 'next/link'
import type { TenantDashboard } from '@/lib/dashboard/queries'
import { formatInZone } from '@/lib/tasks/schedule'

/** The next scheduled fires of enabled tasks, soonest first, in each task's own time zone. */
export function NextFires({ tenant, fires }: { tenant: string; fires: TenantDashboard['nextFires'] }) {
  if (fires.length === 0) return <p className="text-sm text-muted-foreground">No task is scheduled.</p>
  return (
    <ol aria-label="Next scheduled fires" className="grid gap-2 text-sm">
      {fires.map((fire) => (
        <li key={fire.id} className="flex flex-wrap items-baseline justify-between gap-x-3">
          <Link
            href={`/${tenant}/tasks/${fire.id}`}
            className="min-w-0 truncate rounded-sm underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
          >
            {fire.name}
          </Link>
          <time dateTime={fire.nextRunAt!.toISOString()} className="text-xs text-muted-foreground tabular-nums">
            {formatInZone(fire.nextRunAt, fire.timezone)}
          </time>
        </li>
      ))}
    </ol>
  )
}
