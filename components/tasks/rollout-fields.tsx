'use client'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { batchSizes, batchUnits, betweenBatches, rolloutModes, rolloutSchema } from '@/lib/engine/rollout'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import { rolloutModeLabels } from '@/lib/tasks/schema'
import { ConfirmationFields } from './confirmation-fields'
import { rolloutInput, type RolloutState } from './task-form-state'
import { rolloutConfirmBase, type TaskFormState } from './use-task-form'

type Errors = Record<string, string[] | undefined>

const modeHints: Record<RolloutState['mode'], string> = {
  off: 'Every step runs on every target (as many at once as the limits allow).',
  steps: 'Each step runs batch by batch; the next step starts once every batch is done.',
  run: 'Each batch goes through every step before the next batch starts.',
}
const betweenLabels: Record<RolloutState['between'], string> = {
  none: 'Nothing: the next batch starts at once',
  confirm: 'Ask for confirmation',
  delay: 'Wait',
}
const unitLabels: Record<RolloutState['batchUnit'], string> = { hosts: 'hosts', percent: '% of the targets' }
const PREVIEW_BATCHES = 8

/** How many targets the run would have now, when the picked targets and labels tell it exactly. */
function knownTargetCount(form: TaskFormState, labelCounts: { label: string; targets: number }[]) {
  if (form.labels.length === 0) return form.targets.length || null
  // Labels may share targets with each other and with the picked ones: only a lone label is exact.
  if (form.labels.length === 1 && form.targets.length === 0)
    return labelCounts.find((l) => l.label === form.labels[0])?.targets || null
  return null
}

/** "4 batches for the 10 targets now: 1, 3, 3, 3", or null when it is not known cheaply. */
function preview(form: TaskFormState, labelCounts: { label: string; targets: number }[]) {
  const total = knownTargetCount(form, labelCounts)
  const rollout = rolloutSchema.safeParse(rolloutInput(form.rollout, () => ({})))
  if (!total || !rollout.success) return null
  const sizes = batchSizes(total, rollout.data)
  const shown = sizes.slice(0, PREVIEW_BATCHES).join(', ') + (sizes.length > PREVIEW_BATCHES ? ', …' : '')
  const batches = sizes.length === 1 ? '1 batch' : `${sizes.length} batches`
  return `${batches} for the ${total === 1 ? '1 target' : `${total} targets`} now: ${shown}`
}

function SizeFields({
  name,
  label,
  unitLabel,
  value,
  unit,
  placeholder,
  description,
  error,
  onChange,
}: {
  name: 'canary' | 'batch'
  label: string
  unitLabel: string
  value: string
  unit: RolloutState['batchUnit']
  placeholder?: string
  description: string
  error?: string[]
  onChange: (value: string, unit: RolloutState['batchUnit']) => void
}) {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_11rem] items-start gap-2">
      <Field label={label} htmlFor={`task-rollout-${name}`} error={error} description={description}>
        <Input
          type="number"
          min={1}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value, unit)}
        />
      </Field>
      <Field label={unitLabel} htmlFor={`task-rollout-${name}-unit`}>
        <NativeSelect value={unit} onChange={(e) => onChange(value, e.target.value as RolloutState['batchUnit'])}>
          {batchUnits.map((u) => (
            <option key={u} value={u}>
              {unitLabels[u]}
            </option>
          ))}
        </NativeSelect>
      </Field>
    </div>
  )
}

/**
 * Batches: a canary, then batches by size or share of the targets (in the run's target order),
 * per step or for the whole run, with nothing, a confirmation or a pause between them.
 */
export function RolloutFields({
  form,
  labelCounts,
  choices,
  errors,
}: {
  form: TaskFormState
  /** The tenant's labels with how many targets carry each now: the preview's count. */
  labelCounts: { label: string; targets: number }[]
  choices: NotifyChoices
  errors: Errors
}) {
  const { rollout, setRollout } = form
  const set = (next: Partial<RolloutState>) => setRollout((r) => ({ ...r, ...next }))
  const line = rollout.mode === 'off' ? null : preview(form, labelCounts)
  return (
    <fieldset className="grid gap-4">
      <legend className="mb-2 text-sm font-semibold">Rollout</legend>
      <Field
        label="Batches"
        htmlFor="task-rollout-mode"
        error={errors['rollout.mode']}
        description={modeHints[rollout.mode]}
      >
        <NativeSelect value={rollout.mode} onChange={(e) => set({ mode: e.target.value as RolloutState['mode'] })}>
          {rolloutModes.map((m) => (
            <option key={m} value={m}>
              {rolloutModeLabels[m]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      {rollout.mode !== 'off' && (
        <>
          <div className="grid items-start gap-4 sm:grid-cols-2">
            <SizeFields
              name="canary"
              label="Canary"
              unitLabel="Canary unit"
              value={rollout.canary}
              unit={rollout.canaryUnit}
              placeholder="None"
              description="Optional: a first batch on its own, e.g. 1 host."
              error={errors['rollout.canary.value']}
              onChange={(canary, canaryUnit) => set({ canary, canaryUnit })}
            />
            <SizeFields
              name="batch"
              label="Batch size"
              unitLabel="Batch unit"
              value={rollout.batch}
              unit={rollout.batchUnit}
              description="Then batches of this many targets, the last one with the rest."
              error={errors['rollout.batch.value']}
              onChange={(batch, batchUnit) => set({ batch, batchUnit })}
            />
          </div>
          {line && (
            <p className="text-sm" data-testid="rollout-preview">
              {line}
            </p>
          )}
          <div className="grid items-start gap-4 sm:grid-cols-2">
            <Field label="Between batches" htmlFor="task-rollout-between" error={errors['rollout.between']}>
              <NativeSelect
                value={rollout.between}
                onChange={(e) => set({ between: e.target.value as RolloutState['between'] })}
              >
                {betweenBatches.map((b) => (
                  <option key={b} value={b}>
                    {betweenLabels[b]}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            {rollout.between === 'delay' && (
              <Field label="Wait (seconds)" htmlFor="task-rollout-delay" error={errors['rollout.delaySeconds']}>
                <Input
                  type="number"
                  min={1}
                  value={rollout.delaySeconds}
                  onChange={(e) => set({ delaySeconds: e.target.value })}
                />
              </Field>
            )}
          </div>
          {rollout.between === 'confirm' && (
            <ConfirmationFields
              tenant={form.tenant}
              base={rolloutConfirmBase}
              errorPath="rollout.confirm"
              initial={rollout.confirm}
              choices={choices}
              errors={errors}
            />
          )}
          <p className="text-sm text-muted-foreground">
            After each batch the failure threshold under Limits is checked: once it is exceeded no further batch starts.
            Without a threshold, any failure in a batch stops the rollout.
          </p>
        </>
      )}
    </fieldset>
  )
}
