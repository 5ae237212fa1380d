import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { CircleAlertIcon } from 'lucide-react'
import { PageHeader } from '@/components/portal/page-header'
import { CancelRunButton } from '@/components/runs/cancel-run-button'
import { LiveRefresh } from '@/components/runs/live-refresh'
import { RunStatusBadge } from '@/components/runs/run-status-badge'
import { RunSummary } from '@/components/runs/run-summary'
import { TargetRunList } from '@/components/runs/target-run-list'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { formatDateTime } from '@/lib/format'
import { getRun } from '@/lib/runs/queries'
import { isLive } from '@/lib/runs/statuses'

export const metadata: Metadata = { title: 'Run' }

export default async function RunPage({ params }: { params: Promise<{ tenant: string; runId: string }> }) {
  const { tenant: slug, runId } = await params
  const { tenant, role, scope } = await getTenantAccess(slug)
  if (!can(role, 'runs.read')) notFound()
  const run = await getRun(scope, runId)
  if (!run) notFound()
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
            {run.scriptId && (
              <>
                {' · '}
                <Link href={`/${tenant.slug}/scripts/${run.scriptId}`} className="underline underline-offset-2">
                  script
                </Link>
              </>
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
