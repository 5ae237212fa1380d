import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import { ConfirmationFields } from './confirmation-fields'
import type { ConfirmStepState } from './task-form-state'
import { confirmInputBase } from './use-task-form'

type Errors = Record<string, string[] | undefined>

/** A confirm step: the run waits here until someone who may start runs continues or aborts it. */
export function ConfirmStepFields({
  tenant,
  step,
  index,
  choices,
  errors,
}: {
  tenant: string
  step: ConfirmStepState
  index: number
  choices: NotifyChoices
  errors: Errors
}) {
  const base = confirmInputBase(step.key)
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        The run pauses here and notifies the people chosen below; anyone who may start runs continues or aborts it from
        the run page or the API.
      </p>
      <Field
        label="Step name"
        htmlFor={`step-${step.key}-name`}
        error={errors[`steps.${index}.name`]}
        description="How the run page names the step. Empty: Confirmation."
        className="max-w-md"
      >
        <Input name={`${base}name`} defaultValue={step.initial.name} autoComplete="off" placeholder="Confirmation" />
      </Field>
      <ConfirmationFields
        tenant={tenant}
        base={base}
        errorPath={`steps.${index}.confirmation`}
        initial={step.initial.confirmation}
        choices={choices}
        errors={errors}
      />
    </div>
  )
}
