import type { Metadata } from 'next'
import { headers } from 'next/headers'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ChevronLeftIcon, PencilIcon } from 'lucide-react'
import { PageHeader } from '@/components/portal/page-header'
import { RunListTable } from '@/components/runs/run-list-table'
import { taskParameterViews } from '@/components/tasks/task-form-state'
import { TaskRunInsights } from '@/components/tasks/task-run-insights'
import { Button } from '@/components/ui/button'
import { WebhooksSection } from '@/components/webhooks/webhooks-section'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { formatDateTime } from '@/lib/format'
import { listRuns } from '@/lib/runs/list'
import { runListParams } from '@/lib/runs/list-params'
import { listLabels } from '@/lib/targets/queries'
import { listNotifyChoices } from '@/lib/tasks/notify-choices'
import { failureStreak, recentRunDurations } from '@/lib/tasks/insights'
import { getTask, type TaskDetail } from '@/lib/tasks/queries'
import { taskTypeLabels } from '@/lib/tasks/schema'
import { publicOrigin } from '@/lib/public-url'
import { listWebhooks } from '@/lib/webhooks/queries'
import { webhookTable } from '@/lib/webhooks/table'
import { DeleteTaskButton } from './delete-task-button'
import { type RunNowStep, RunTaskNowDialog } from './run-task-now-dialog'
import { taskPageParams, taskTargetTable } from './search-params'
import { TaskOverview } from './task-overview'
import { TaskStateButton } from './task-state-button'
import { TaskTabs } from './task-tabs'
import { TaskTargets } from './task-targets'

export const metadata: Metadata = { title: 'Task' }

/** The Run now dialog's fields: each script step's parameters, filled with the task's values. */
function runNowSteps(task: TaskDetail): RunNowStep[] {
  return task.steps.flatMap((step, index) =>
    step.kind === 'script' && step.parameters.length > 0
      ? [
          {
            index,
            label: `Step ${index + 1}: ${step.script?.name ?? 'script'}`,
            parameters: taskParameterViews(step),
          },
        ]
      : [],
  )
}

export default async function TaskPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; taskId: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant: slug, taskId } = await params
  const { tenant, role, scope } = await getTenantAccess(slug)
  if (!can(role, 'tasks.read')) notFound()
  const task = await getTask(scope, taskId)
  if (!task) notFound()
  const { tab } = await taskPageParams.parse(searchParams)
  const base = `/${tenant.slug}/tasks/${task.id}`
  const canWrite = can(role, 'tasks.write')
  const labelCounts = new Map(tab === 'runs' ? [] : (await listLabels(scope)).map((l) => [l.label, l.targets] as const))

  let content: React.ReactNode
  if (tab === 'runs') {
    if (!can(role, 'runs.read')) notFound()
    const { rows, total } = await listRuns(scope, { taskId: task.id }, await runListParams.cache.parse(searchParams))
    content = <RunListTable tenant={tenant.slug} rows={rows} total={total} />
  } else if (tab === 'webhooks') {
    if (!canWrite) notFound()
    const { rows, total } = await listWebhooks(scope, task.id, await webhookTable.cache.parse(searchParams))
    const origin = publicOrigin(await headers())
    content = <WebhooksSection tenant={tenant.slug} taskId={task.id} origin={origin} rows={rows} total={total} />
  } else if (tab === 'targets') {
    const state = await taskTargetTable.cache.parse(searchParams)
    content = <TaskTargets tenant={tenant.slug} task={task} labelCounts={labelCounts} state={state} />
  } else {
    const insights = can(role, 'runs.read')
      ? await Promise.all([recentRunDurations(scope, task.id), failureStreak(scope, task.id)])
      : null
    content = (
      <div className="grid gap-6">
        {insights && <TaskRunInsights tenant={tenant.slug} taskId={task.id} runs={insights[0]} streak={insights[1]} />}
        <TaskOverview
          tenant={tenant.slug}
          task={task}
          labelCounts={labelCounts}
          notifyChoices={await listNotifyChoices(scope)}
        />
      </div>
    )
  }

  return (
    <>
      <Link
        href={`/${tenant.slug}/tasks`}
        className="mb-2 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ChevronLeftIcon aria-hidden className="size-4" /> Tasks
      </Link>
      <PageHeader
        title={task.name}
        description={
          <>
            {taskTypeLabels[task.type]} · <span data-testid="task-state">{task.enabled ? 'Enabled' : 'Stopped'}</span> ·
            created by {task.createdBy?.name ?? 'a removed user'} on {formatDateTime(task.createdAt)}
            {task.description && (
              <>
                <br />
                {task.description}
              </>
            )}
          </>
        }
        actions={
          <>
            {canWrite && <DeleteTaskButton tenant={tenant.slug} taskId={task.id} name={task.name} />}
            {canWrite && (
              <Button asChild variant="outline">
                <Link href={`${base}/edit`}>
                  <PencilIcon aria-hidden /> Edit
                </Link>
              </Button>
            )}
            {canWrite && <TaskStateButton tenant={tenant.slug} taskId={task.id} enabled={task.enabled} />}
            {can(role, 'runs.start') && (
              <RunTaskNowDialog tenant={tenant.slug} taskId={task.id} steps={runNowSteps(task)} />
            )}
          </>
        }
      />
      <TaskTabs base={base} current={tab} webhooks={canWrite} />
      {content}
    </>
  )
}
