'use client'
import type { FormEvent } from 'react'
import { FormError } from '@/components/forms/form-error'
import { TargetPicker } from '@/components/runs/target-picker'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Textarea } from '@/components/ui/textarea'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import { LimitsFields } from './limits-fields'
import { NotifyFields } from './notify-fields'
import { RolloutFields } from './rollout-fields'
import { ScheduleFields } from './schedule-fields'
import { StepList } from './step-list'
import type { TaskFormInitial } from './task-form-state'
import type { TaskFormState } from './use-task-form'

export interface TaskFormBinding {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void
  fieldErrors: Record<string, string[] | undefined>
  formError?: string
  isPending: boolean
}

/**
 * The task editor, shared by create and edit. Every control keeps what the user typed when
 * the server answers with errors, each shown beside its field (keyed by dotted path).
 */
export function TaskForm({
  initial,
  state,
  form,
  labels,
  notifyChoices,
  submitLabel,
}: {
  initial: TaskFormInitial
  state: TaskFormState
  form: TaskFormBinding
  /** The tenant's labels with how many targets carry each now. */
  labels: { label: string; targets: number }[]
  /** The tenant's members and channels a notification policy can name. */
  notifyChoices: NotifyChoices
  submitLabel: string
}) {
  const errors = form.fieldErrors
  return (
    <form onSubmit={form.onSubmit} noValidate aria-label="Task" className="grid max-w-4xl gap-8">
      <FormError message={form.formError} />
      <div className="grid gap-4">
        <Field label="Name" htmlFor="task-name" error={errors.name}>
          <Input name="name" defaultValue={initial.name} autoComplete="off" />
        </Field>
        <Field label="Description" htmlFor="task-description" error={errors.description}>
          <Textarea name="description" defaultValue={initial.description} rows={2} className="min-h-0" />
        </Field>
      </div>
      <ScheduleFields schedule={state.schedule} errors={errors} />
      <StepList form={state} choices={notifyChoices} errors={errors} />
      <TargetPicker
        tenant={state.tenant}
        labels={labels}
        picked={state.targets}
        onPickedChange={state.setTargets}
        pickedLabels={state.labels}
        onPickedLabelsChange={state.setLabels}
        error={errors.targetIds?.[0] ?? errors.labels?.[0]}
      />
      <RolloutFields form={state} labelCounts={labels} choices={notifyChoices} errors={errors} />
      <LimitsFields initial={initial} errors={errors} />
      <NotifyFields tenant={state.tenant} initial={initial.notify} choices={notifyChoices} errors={errors} />
      <div className="flex items-center gap-2">
        <Checkbox id="task-enabled" checked={state.enabled} onCheckedChange={(on) => state.setEnabled(on === true)} />
        <Label htmlFor="task-enabled" className="font-normal">
          Enabled: a cron or one-time task fires on its schedule (stopped tasks still run when started by hand)
        </Label>
      </div>
      <div>
        <Button type="submit" disabled={form.isPending}>
          {form.isPending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  )
}
