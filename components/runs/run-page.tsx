import Link from 'next/link'
import { notFound } from 'next/navigation'
import { CircleAlertIcon } from 'lucide-react'
import { PageHeader } from '@/components/portal/page-header'
import { CancelRunButton } from './cancel-run-button'
import { LiveRefresh } from './live-refresh'
import { RunStatusBadge } from './run-status-badge'
import { RunSummary } from './run-summary'
import { TargetRunList } from './target-run-list'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { formatDateTime } from '@/lib/format'
import { getRun } from '@/lib/runs/queries'
import { isLive } from '@/lib/runs/statuses'

/**
 * A run's page, for /<tenant>/runs/<runId> (one-off runs of a script) and
 * /<tenant>/tasks/<taskId>/runs/<runId> (runs of a task): 404 when the run is not this
 * tenant's, or not this task's.
 */
export async function RunPage({ slug, runId, taskId }: { slug: string; runId: string; taskId?: string }) {
  const { tenant, role, scope } = await getTenantAccess(slug)
  if (!can(role, 'runs.read')) notFound()
  const run = await getRun(scope, runId)
  if (!run || (taskId !== undefined && run.taskId !== taskId)) notFound()
  const live = isLive(run.status)

  return (
    <>
      <LiveRefresh active={live} />
      <PageHeader
        title={run.steps.map((s) => s.label).join(', ')}
        description={
          <>
            Run <span className="font-mono">{run.id}</span> · started by {run.triggeredByLabel ?? run.triggeredByType} ·
            queued {formatDateTime(run.createdAt)}
            {run.taskId ? (
              <>
                {' · '}
                <Link href={`/${tenant.slug}/tasks/${run.taskId}`} className="underline underline-offset-2">
                  task
                </Link>
              </>
            ) : (
              run.scriptId && (
                <>
                  {' · '}
                  <Link href={`/${tenant.slug}/scripts/${run.scriptId}`} className="underline underline-offset-2">
                    script
                  </Link>
                </>
              )
            )}
          </>
        }
        actions={
          <>
            <RunStatusBadge status={run.status} />
            {live && can(role, 'runs.cancel') && !run.cancelRequestedAt && (
              <CancelRunButton tenant={tenant.slug} id={run.id} />
            )}
          </>
        }
      />
      {run.error && (
        <p
          role="alert"
          className="mb-4 flex items-center gap-2 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive"
        >
          <CircleAlertIcon aria-hidden className="size-4 shrink-0" />
          {run.error}
        </p>
      )}
      <RunSummary run={run} />
      <TargetRunList scope={scope} run={run} />
    </>
  )
}
