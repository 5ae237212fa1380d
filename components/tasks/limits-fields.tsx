import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { runLimits } from '@/lib/runs/schema'
import type { TaskFormInitial } from './task-form-state'

type Errors = Record<string, string[] | undefined>

/** How a run of the task goes (limits), and what a fire does when the last run is still going or was missed. */
export function LimitsFields({ initial, errors }: { initial: TaskFormInitial; errors: Errors }) {
  return (
    <>
      <fieldset className="grid items-start gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Limits</legend>
        <Field
          label="Targets at once"
          htmlFor="task-parallelism"
          error={errors.parallelism}
          description="How many targets run at the same time."
        >
          <Input
            name="parallelism"
            type="number"
            min={1}
            max={runLimits.parallelism.max}
            defaultValue={initial.parallelism}
          />
        </Field>
        <Field
          label="Timeout per target (seconds)"
          htmlFor="task-timeout"
          error={errors.timeoutSeconds}
          description="The script is killed on a target that runs longer."
        >
          <Input name="timeoutSeconds" type="number" min={1} defaultValue={initial.timeoutSeconds} />
        </Field>
        <Field
          label="Stop after failures"
          htmlFor="task-max-failed"
          error={errors.maxFailedCount}
          description="Once more targets than this fail, the rest are skipped and the run fails. Empty: never stop."
        >
          <Input
            name="maxFailedCount"
            type="number"
            min={0}
            placeholder="No limit"
            defaultValue={initial.maxFailedCount ?? ''}
          />
        </Field>
        <Field
          label="Stop after failed percent"
          htmlFor="task-max-failed-percent"
          error={errors.maxFailedPercent}
          description="The same, as a share of the targets."
        >
          <Input
            name="maxFailedPercent"
            type="number"
            min={0}
            max={100}
            placeholder="No limit"
            defaultValue={initial.maxFailedPercent ?? ''}
          />
        </Field>
      </fieldset>
      <fieldset className="grid items-start gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Scheduled runs</legend>
        <Field
          label="While the last run is still going"
          htmlFor="task-overlap"
          error={errors.overlap}
          description="What a fire does when the task’s previous run has not finished."
        >
          <NativeSelect name="overlap" defaultValue={initial.overlap}>
            <option value="skip">Skip the fire</option>
            <option value="allow">Run anyway</option>
          </NativeSelect>
        </Field>
        <Field
          label="Missed fires"
          htmlFor="task-misfire"
          error={errors.misfire}
          description="Fires missed while no server was running."
        >
          <NativeSelect name="misfire" defaultValue={initial.misfire}>
            <option value="run_once">Run once now</option>
            <option value="skip">Skip them</option>
          </NativeSelect>
        </Field>
      </fieldset>
    </>
  )
}
