import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import { formatBytes } from '@/lib/files/size'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import type { TaskStepView } from '@/lib/tasks/queries'
import { stepHostLabels } from '@/lib/tasks/schema'
import { confirmationSummary } from './task-summaries'

type ConfirmStepView = Extract<TaskStepView, { kind: 'confirm' }>

function ConfirmStep({ label, step, choices }: { label: string; step: ConfirmStepView; choices: NotifyChoices }) {
  return (
    <li className="grid gap-2 rounded-lg border p-3" aria-label={label}>
      <p>
        <span className="font-medium">{label}:</span> {step.name || 'Confirmation'} —{' '}
        {confirmationSummary(step.confirmation, choices)}
      </p>
      {step.confirmation.message && (
        <p className="whitespace-pre-wrap text-muted-foreground">{step.confirmation.message}</p>
      )}
    </li>
  )
}

/** One step of the task's overview; `previous`: the index of the script or file step before it (-1: none). */
export function TaskStepItem({
  tenant,
  step,
  index,
  previous,
  choices,
}: {
  tenant: string
  step: TaskStepView
  index: number
  previous: number
  choices: NotifyChoices
}) {
  const label = `Step ${index + 1}`
  if (step.kind === 'confirm') return <ConfirmStep label={label} step={step} choices={choices} />
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
      {previous >= 0 && step.hosts !== 'all' && (
        <p className="text-muted-foreground">
          {stepHostLabels[step.hosts]} (step {previous + 1}); the others are skipped.
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
