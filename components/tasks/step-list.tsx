'use client'
import { ArrowDownIcon, ArrowUpIcon, FileUpIcon, PlusIcon, Trash2Icon, UserCheckIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Field } from '@/components/ui/field'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { stepHostChoices, type StepHosts } from '@/lib/engine/snapshot'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import { previousWorkStep, stepHostLabels } from '@/lib/tasks/schema'
import { ConfirmStepFields } from './confirm-step-fields'
import { FileStepFields } from './file-step-fields'
import { ScriptStepFields } from './script-step-fields'
import type { FileStepState, ScriptStepState, StepState } from './task-form-state'
import type { TaskFormState } from './use-task-form'

type Errors = Record<string, string[] | undefined>

const MAX_STEPS = 20
const HOSTS_HINT =
  'Script steps after the first also get $FANOUT_PREV_SUCCEEDED and $FANOUT_PREV_FAILED: ' +
  'files listing the previous step’s succeeded and failed host names (confirmations do not count as steps here).'

const kinds: Record<StepState['kind'], { name: string; title: string }> = {
  script: { name: 'script', title: 'Run a script' },
  file: { name: 'files', title: 'Copy files' },
  confirm: { name: 'confirmation', title: 'Ask for confirmation' },
}

/** Which targets a script or file step runs on, and whether the run goes on past its failures. */
function WorkStepOptions({
  form,
  step,
  index,
  errors,
}: {
  form: TaskFormState
  step: ScriptStepState | FileStepState
  index: number
  errors: Errors
}) {
  const before = previousWorkStep(form.steps, index)
  const patch = (next: Partial<Pick<ScriptStepState, 'hosts' | 'continueOnFailure'>>) =>
    form.patchStep(step.key, (s) => ({ ...s, ...next }) as StepState)
  return (
    <>
      {before >= 0 && (
        <Field
          label="Hosts"
          htmlFor={`step-${step.key}-hosts`}
          error={errors[`steps.${index}.hosts`]}
          description={HOSTS_HINT}
        >
          <NativeSelect value={step.hosts} onChange={(e) => patch({ hosts: e.target.value as StepHosts })}>
            {stepHostChoices.map((h) => (
              <option key={h} value={h}>
                {h === 'all' ? stepHostLabels[h] : `${stepHostLabels[h]} (step ${before + 1})`}
              </option>
            ))}
          </NativeSelect>
        </Field>
      )}
      <div className="flex items-center gap-2">
        <Checkbox
          id={`step-${step.key}-continue`}
          checked={step.continueOnFailure}
          onCheckedChange={(on) => patch({ continueOnFailure: on === true })}
        />
        <Label htmlFor={`step-${step.key}-continue`} className="font-normal">
          Continue on failure: the next steps still run when this one fails on some targets
        </Label>
      </div>
    </>
  )
}

/** The ordered steps: step k finishes on every target (or is confirmed) before step k+1 starts. */
export function StepList({ form, choices, errors }: { form: TaskFormState; choices: NotifyChoices; errors: Errors }) {
  const { steps } = form
  return (
    <section aria-labelledby="steps-heading" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="steps-heading" className="text-sm font-semibold">
          Steps
        </h2>
        <div className="flex gap-2">
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={steps.length >= MAX_STEPS}
            onClick={() => form.addStep('script')}
          >
            <PlusIcon aria-hidden /> Add script step
          </Button>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={steps.length >= MAX_STEPS}
            onClick={() => form.addStep('file')}
          >
            <FileUpIcon aria-hidden /> Add file step
          </Button>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={steps.length >= MAX_STEPS}
            onClick={() => form.addStep('confirm')}
          >
            <UserCheckIcon aria-hidden /> Add confirmation
          </Button>
        </div>
      </div>
      <p className="text-xs text-muted-foreground">
        Each step finishes on every target before the next starts; a failed step ends the run unless it may continue. A
        confirmation pauses the run until someone continues it.
      </p>
      {errors.steps && (
        <p role="alert" className="text-sm text-destructive">
          {errors.steps[0]}
        </p>
      )}
      {steps.length === 0 ? (
        <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">No steps yet.</p>
      ) : (
        <ol className="grid gap-3" aria-label="Steps">
          {steps.map((step, index) => {
            const title = `Step ${index + 1}`
            return (
              <li
                key={step.key}
                aria-label={`${title}: ${kinds[step.kind].name}`}
                className="grid gap-4 rounded-lg border bg-card p-4"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-sm font-medium">
                    {title} · {kinds[step.kind].title}
                  </span>
                  <div className="ml-auto flex items-center gap-1">
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      aria-label={`Move ${title.toLowerCase()} up`}
                      disabled={index === 0}
                      onClick={() => form.moveStep(step.key, -1)}
                    >
                      <ArrowUpIcon aria-hidden />
                    </Button>
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      aria-label={`Move ${title.toLowerCase()} down`}
                      disabled={index === steps.length - 1}
                      onClick={() => form.moveStep(step.key, 1)}
                    >
                      <ArrowDownIcon aria-hidden />
                    </Button>
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove ${title.toLowerCase()}`}
                      onClick={() => form.removeStep(step.key)}
                    >
                      <Trash2Icon aria-hidden />
                    </Button>
                  </div>
                </div>
                {step.kind === 'confirm' ? (
                  <ConfirmStepFields tenant={form.tenant} step={step} index={index} choices={choices} errors={errors} />
                ) : (
                  <>
                    {step.kind === 'script' ? (
                      <ScriptStepFields form={form} step={step} index={index} errors={errors} />
                    ) : (
                      <FileStepFields form={form} step={step} index={index} errors={errors} />
                    )}
                    <WorkStepOptions form={form} step={step} index={index} errors={errors} />
                  </>
                )}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
