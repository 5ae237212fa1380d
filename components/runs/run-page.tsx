import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { ConfirmationHistory } from './confirmation-history'
import { ConfirmationPanel } from './confirmation-panel'
import { LiveRunProvider, type TargetInfo } from './live-run'
import { RunActions } from './run-actions'
import { RolloutPanel } from './rollout-panel'
import { RunError } from './run-state'
import { RunResults } from './run-results'
import { RunSummary } from './run-summary'
import { RunTimelineSwitch } from './run-timeline-switch'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { formatDateTime } from '@/lib/format'
import { readLiveRun, readLiveTargetRuns } from '@/lib/runs/live-state'
import { getRun } from '@/lib/runs/queries'
import { runPath } from '@/lib/runs/paths'
import type { RunPlanInfo } from '@/lib/runs/rollout-view'

const link = 'underline underline-offset-2'

/**
 * A run's page, for /<tenant>/runs/<runId> (one-off runs of a script) and
 * /<tenant>/tasks/<taskId>/runs/<runId> (runs of a task): 404 when the run is not this
 * tenant's, or not this task's. Rendered with the run's state now; LiveRunProvider keeps
 * it live from there.
 */
export async function RunPage({ slug, runId, taskId }: { slug: string; runId: string; taskId?: string }) {
  const { tenant, role, scope } = await getTenantAccess(slug)
  if (!can(role, 'runs.read')) notFound()
  const run = await getRun(scope, runId)
  if (!run || (taskId !== undefined && run.taskId !== taskId)) notFound()
  const [initialRun, initialTargetRuns] = await Promise.all([
    readLiveRun(scope, runId),
    readLiveTargetRuns(scope, runId),
  ])
  const plan: RunPlanInfo = {
    steps: run.steps.map((s) => ({ kind: s.kind, label: s.label, confirmation: s.confirmation })),
    rollout: run.rollout,
    targetCount: run.targets.length,
  }
  const targets: Record<string, TargetInfo> = Object.fromEntries(
    run.targets.map((t) => [t.id, { address: t.address, resourcePool: t.resourcePool, region: t.region }]),
  )

  return (
    <LiveRunProvider
      tenant={tenant.slug}
      runId={run.id}
      initialRun={initialRun}
      initialTargetRuns={initialTargetRuns}
      targets={targets}
    >
      <PageHeader
        title={run.steps.map((s) => s.label).join(', ')}
        description={
          <>
            Run <span className="font-mono">{run.id}</span> · started by {run.triggeredByLabel ?? run.triggeredByType} ·
            queued {formatDateTime(run.createdAt)}
            {run.taskId ? (
              <>
                {' · '}
                <Link href={`/${tenant.slug}/tasks/${run.taskId}`} className={link}>
                  task
                </Link>
              </>
            ) : (
              run.scriptId && (
                <>
                  {' · '}
                  <Link href={`/${tenant.slug}/scripts/${run.scriptId}`} className={link}>
                    script
                  </Link>
                </>
              )
            )}
            {run.rerunOfId && (
              <>
                {' · re-run of '}
                <Link
                  href={runPath(tenant.slug, { id: run.rerunOfId, taskId: run.taskId })}
                  className={`${link} font-mono`}
                >
                  {run.rerunOfId}
                </Link>
              </>
            )}
          </>
        }
        actions={<RunActions canCancel={can(role, 'runs.cancel')} canRerun={can(role, 'runs.start')} />}
      />
      <RunError />
      <ConfirmationPanel plan={plan} canConfirm={can(role, 'runs.start')} />
      <RunSummary run={run} />
      <ConfirmationHistory plan={plan} />
      <RolloutPanel plan={plan} />
      <RunTimelineSwitch steps={run.steps.map((s) => s.label)}>
        <RunResults />
      </RunTimelineSwitch>
    </LiveRunProvider>
  )
}
