import { notifyStatuses } from '@/lib/notify/policy'
import { statusLabels } from '@/lib/runs/statuses'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import { Choice, ChoiceGroup, RecipientFields } from './recipient-fields'
import type { TaskFormInitial } from './task-form-state'
import { notifyInputPrefix } from './use-task-form'

type Errors = Record<string, string[] | undefined>

/**
 * Who hears about a run's end: on which final statuses, which roles and members get an in-app
 * notice, and which of the tenant's channels carry the message.
 */
export function NotifyFields({
  tenant,
  initial,
  choices,
  errors,
}: {
  tenant: string
  initial: TaskFormInitial['notify']
  choices: NotifyChoices
  errors: Errors
}) {
  return (
    <fieldset className="grid gap-4">
      <legend className="mb-2 text-sm font-semibold">Notifications</legend>
      <div className="grid items-start gap-6 sm:grid-cols-2">
        <ChoiceGroup id="task-notify-on" title="When a run ends" error={errors['notify.on']}>
          {notifyStatuses.map((s) => (
            <Choice
              key={s}
              name={`${notifyInputPrefix.on}${s}`}
              label={statusLabels[s]}
              checked={initial.on.includes(s)}
            />
          ))}
        </ChoiceGroup>
        <RecipientFields
          tenant={tenant}
          base="notify."
          errorPath="notify"
          initial={initial}
          choices={choices}
          errors={errors}
        />
      </div>
    </fieldset>
  )
}
