import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import type { Confirmation } from '@/lib/engine/rollout'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import { RecipientFields } from './recipient-fields'

type Errors = Record<string, string[] | undefined>

/**
 * A confirmation (a confirm step, or the one between batches): what it says, who is asked and
 * how long it waits. Named inputs under `base`, read back by use-task-form; errors keyed under
 * `errorPath` (e.g. "steps.2.confirmation").
 */
export function ConfirmationFields({
  tenant,
  base,
  errorPath,
  initial,
  choices,
  errors,
}: {
  tenant: string
  base: string
  errorPath: string
  initial: Confirmation
  choices: NotifyChoices
  errors: Errors
}) {
  const id = `task-${base.replaceAll('.', '-')}`
  return (
    <div className="grid gap-4">
      <Field
        label="Message"
        htmlFor={`${id}message`}
        error={errors[`${errorPath}.message`]}
        description="What to check before continuing: shown in the notice and on the run page."
      >
        <Textarea name={`${base}message`} defaultValue={initial.message} rows={2} className="min-h-0" />
      </Field>
      <div className="grid items-start gap-6 sm:grid-cols-3">
        <RecipientFields
          tenant={tenant}
          base={base}
          errorPath={errorPath}
          initial={initial}
          choices={choices}
          errors={errors}
        />
      </div>
      <Field
        label="Timeout (minutes)"
        htmlFor={`${id}timeout`}
        error={errors[`${errorPath}.timeoutMinutes`]}
        description="Without an answer by then the run is aborted. Empty: it waits as long as it takes."
        className="max-w-xs"
      >
        <Input
          name={`${base}timeout`}
          type="number"
          min={1}
          placeholder="No timeout"
          defaultValue={initial.timeoutMinutes ?? ''}
        />
      </Field>
    </div>
  )
}
