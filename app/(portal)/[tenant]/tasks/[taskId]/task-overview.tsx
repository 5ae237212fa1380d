import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { formatBytes } from '@/lib/files/size'
import { parseNotifyPolicy } from '@/lib/notify/policy'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import { stepHostLabels } from '@/lib/tasks/schema'
import type { TaskDetail, TaskStepView } from '@/lib/tasks/queries'
import { formatInZone, nextFires } from '@/lib/tasks/schedule'
import { TaskNotifySummary } from './task-notify-summary'

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

function Step({ tenant, step, index }: { tenant: string; step: TaskStepView; index: number }) {
  const label = `Step ${index + 1}`
  return (
    <li className="grid gap-2 rounded-lg border p-3" aria-label={label}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{label}:</span>
        {step.kind === 'script' ? (
          <>
            run
            {step.script ? (
              <Link href={`/${tenant}/scripts/${step.script.id}`} className="font-medium underline underline-offset-2">
                {step.script.name}
              </Link>
            ) : (
              '(deleted script)'
            )}
            <Badge variant="outline">
              {step.version === null ? `latest (now v${step.script?.latestVersion ?? '?'})` : `v${step.version}`}
            </Badge>
          </>
        ) : (
          <>
            copy {step.files.length === 1 ? '1 file' : `${step.files.length} files`} to{' '}
            <code className="rounded bg-muted px-1 py-0.5 font-mono">{step.remoteDir}</code> with mode{' '}
            <code className="rounded bg-muted px-1 py-0.5 font-mono">{step.mode}</code>
          </>
        )}
        {step.kind === 'script' && step.runAs && (
          <Badge variant="outline">
            as <code className="ml-1 font-mono">{step.runAs}</code>
          </Badge>
        )}
        {step.continueOnFailure && <Badge variant="secondary">continues on failure</Badge>}
      </div>
      {index > 0 && step.hosts !== 'all' && (
        <p className="text-muted-foreground">
          {stepHostLabels[step.hosts]} (step {index}); the others are skipped.
        </p>
      )}
      {step.kind === 'script' && step.parameters.length > 0 && (
        <dl
          className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 font-mono text-xs"
          aria-label={`${label} parameters`}
        >
          {step.parameters.map((p) => (
            <div key={p.name} className="contents">
              <dt className="text-muted-foreground">{p.name}</dt>
              <dd className="break-all">
                {p.value !== '' ? (
                  p.value
                ) : (
                  <span className="text-muted-foreground">
                    {p.fallback === '' ? '(empty)' : `${p.fallback} (script default)`}
                  </span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {step.kind === 'file' && (
        <ul className="grid gap-0.5 text-sm" aria-label={`${label} files`}>
          {step.files.map((f, i) => (
            <li key={`${f.id}-${i}`}>
              {f.name} <span className="text-muted-foreground tabular-nums">{formatBytes(f.size)}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
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
              <Step key={step.id} tenant={tenant} step={step} index={i} />
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
