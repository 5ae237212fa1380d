import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { parseNotifyPolicy } from '@/lib/notify/policy'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import type { TaskDetail } from '@/lib/tasks/queries'
import { previousWorkStep, rolloutModeLabels } from '@/lib/tasks/schema'
import { formatInZone, nextFires } from '@/lib/tasks/schedule'
import { TaskNotifySummary } from './task-notify-summary'
import { TaskStepItem } from './task-step-item'
import { confirmationSummary, rolloutSummary } from './task-summaries'

const UPCOMING = 5

function Schedule({ task }: { task: TaskDetail }) {
  if (task.type === 'manual') return <p>By hand only: Run now, the API or a webhook.</p>
  const upcoming =
    task.type === 'cron'
      ? nextFires(task.cron ?? '', task.timezone, UPCOMING)
      : task.runAt && task.runAt > new Date()
        ? [task.runAt]
        : []
  return (
    <div className="grid gap-3">
      <p>
        {task.type === 'cron' ? (
          <>
            On the cron schedule <code className="rounded bg-muted px-1 py-0.5 font-mono">{task.cron}</code> in{' '}
            {task.timezone}.
          </>
        ) : (
          <>Once, at {formatInZone(task.runAt, task.timezone)}.</>
        )}
      </p>
      {!task.enabled ? (
        <p className="text-muted-foreground">Stopped: nothing fires until the task is started.</p>
      ) : upcoming.length === 0 ? (
        <p className="text-muted-foreground">Nothing left to fire.</p>
      ) : (
        <div className="grid gap-1">
          <p className="font-medium" id="task-next-fires">
            {upcoming.length === 1 ? 'Next fire' : `Next ${upcoming.length} fires`}
          </p>
          <ol aria-labelledby="task-next-fires" className="grid gap-0.5 text-muted-foreground tabular-nums">
            {upcoming.map((f) => (
              <li key={f.getTime()}>{formatInZone(f, task.timezone)}</li>
            ))}
          </ol>
        </div>
      )}
    </div>
  )
}

function Rollout({ task, choices }: { task: TaskDetail; choices: NotifyChoices }) {
  const { rollout } = task
  if (rollout.mode === 'off') return <>{rolloutModeLabels.off}</>
  const limited = task.maxFailedCount !== null || task.maxFailedPercent !== null
  return (
    <div className="grid gap-0.5">
      <p>{rolloutModeLabels[rollout.mode]}</p>
      <p>{rolloutSummary(rollout)}.</p>
      {rollout.between === 'confirm' && (
        <p className="text-muted-foreground">Each confirmation {confirmationSummary(rollout.confirm, choices)}.</p>
      )}
      <p className="text-muted-foreground">
        {limited
          ? 'The failure threshold is checked after each batch: once exceeded, no further batch starts.'
          : 'Any failure in a batch stops the rollout (no failure threshold is set).'}
      </p>
    </div>
  )
}

/** The Overview tab: schedule, steps (secret values masked), where it runs, limits, policies and notifications. */
export function TaskOverview({
  tenant,
  task,
  labelCounts,
  notifyChoices,
}: {
  tenant: string
  task: TaskDetail
  labelCounts: Map<string, number>
  notifyChoices: NotifyChoices
}) {
  const threshold = [
    task.maxFailedCount !== null && `more than ${task.maxFailedCount} failed`,
    task.maxFailedPercent !== null && `more than ${task.maxFailedPercent}% failed`,
  ].filter(Boolean)
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Schedule</CardTitle>
        </CardHeader>
        <CardContent className="text-sm">
          <Schedule task={task} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Where and how</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Targets</dt>
            <dd>{task.targets.length === 1 ? '1 target' : `${task.targets.length} targets`} picked by name</dd>
            <dt className="text-muted-foreground">Labels</dt>
            <dd className="flex flex-wrap gap-1">
              {task.labels.length === 0
                ? '—'
                : task.labels.map((l) => (
                    <Badge key={l} variant="outline">
                      {l} · {labelCounts.get(l) ?? 0} now
                    </Badge>
                  ))}
            </dd>
            <dt className="text-muted-foreground">Limits</dt>
            <dd>
              {task.parallelism} at once · timeout {task.timeoutSeconds} s per target
              {threshold.length > 0 && ` · stops after ${threshold.join(' or ')}`}
            </dd>
            <dt className="text-muted-foreground">Rollout</dt>
            <dd data-testid="task-rollout">
              <Rollout task={task} choices={notifyChoices} />
            </dd>
            <dt className="text-muted-foreground">Overlap</dt>
            <dd>
              {task.overlap === 'allow'
                ? 'A fire runs even while the last run goes on'
                : 'A fire is skipped while the last run goes on'}
            </dd>
            <dt className="text-muted-foreground">Missed fires</dt>
            <dd>{task.misfire === 'skip' ? 'Skipped' : 'Run once when the server is back'}</dd>
          </dl>
        </CardContent>
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Steps</CardTitle>
        </CardHeader>
        <CardContent className="text-sm">
          <ol className="grid gap-2" aria-label="Steps">
            {task.steps.map((step, i) => (
              <TaskStepItem
                key={step.id}
                tenant={tenant}
                step={step}
                index={i}
                previous={previousWorkStep(task.steps, i)}
                choices={notifyChoices}
              />
            ))}
          </ol>
        </CardContent>
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Notifications</CardTitle>
        </CardHeader>
        <CardContent className="text-sm">
          <TaskNotifySummary policy={parseNotifyPolicy(task.notify)} choices={notifyChoices} />
        </CardContent>
      </Card>
    </div>
  )
}
