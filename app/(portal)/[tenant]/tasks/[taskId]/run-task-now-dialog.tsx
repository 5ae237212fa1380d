'use client'
import { PlayIcon } from 'lucide-react'
import { useRouter } from 'next/navigation'
import { FormError } from '@/components/forms/form-error'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { formValues } from '@/components/forms/use-form-action'
import { PreflightButton } from '@/components/runs/preflight-button'
import { ParameterField } from '@/components/runs/parameter-field'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { checkTaskAction } from '@/lib/runs/preflight-actions'
import type { ParameterView } from '@/lib/scripts/parameters'
import { runTaskNowAction } from '@/lib/tasks/actions'

export interface RunNowStep {
  /** The step's position: overrides are keyed by it. */
  index: number
  label: string
  parameters: ParameterView[]
}

const inputName = (step: number, name: string) => `step.${step}.${name}`

/** Form values → overrides by step index, then parameter name. */
function toInput(values: Record<string, string | boolean>) {
  const parameters: Record<string, Record<string, string>> = {}
  for (const [key, value] of Object.entries(values)) {
    const [, step, name] = key.split('.')
    parameters[step] = { ...parameters[step], [name]: String(value) }
  }
  return { parameters }
}

/**
 * "Run now": queues a run of the task as it is, with parameter values changed for this run
 * only (a field left as it was, or a secret left empty, keeps the task's value), and lands on
 * the run's page.
 */
export function RunTaskNowDialog({ tenant, taskId, steps }: { tenant: string; taskId: string; steps: RunNowStep[] }) {
  const router = useRouter()
  const { form, dialog } = useDialogForm(runTaskNowAction, {
    extra: { tenant, id: taskId },
    prepare: toInput,
    onSuccess: (data) => data && router.push(`/${tenant}/tasks/${taskId}/runs/${data.runId}`),
  })
  const errors = form.fieldErrors
  return (
    <Dialog {...dialog}>
      <DialogTrigger asChild>
        <Button>
          <PlayIcon aria-hidden /> Run now
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Run now</DialogTitle>
          <DialogDescription>
            Runs every step once on the task’s targets (labels resolved now). Values changed here apply to this run
            only.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={form.onSubmit} className="grid gap-5" noValidate>
          <FormError message={form.formError} />
          {steps.map((step) => (
            <fieldset key={step.index} className="grid gap-4">
              <legend className="mb-2 text-sm font-medium">{step.label}</legend>
              {step.parameters.map((p) => (
                <ParameterField
                  key={p.name}
                  parameter={p}
                  id={`run-step-${step.index}-param-${p.name}`}
                  name={inputName(step.index, p.name)}
                  error={errors[`parameters.${step.index}.${p.name}`]}
                />
              ))}
            </fieldset>
          ))}
          <DialogFooter>
            <PreflightButton check={(f) => checkTaskAction({ tenant, id: taskId, ...toInput(formValues(f)) })} />
            <Button type="submit" disabled={form.isPending}>
              <PlayIcon aria-hidden /> {form.isPending ? 'Starting…' : 'Start run'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
