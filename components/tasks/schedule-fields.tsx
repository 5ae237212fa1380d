'use client'
import { useMemo } from 'react'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { cronProblem, formatInZone, nextFires, zonedToInstant } from '@/lib/tasks/schedule'
import { taskTypeLabels, taskTypes, type TaskType } from '@/lib/tasks/schema'
import type { TaskFormState } from './use-task-form'

type Errors = Record<string, string[] | undefined>

const PREVIEW_FIRES = 5

/**
 * Type, cron expression or one-time date, and time zone. The cron field previews its next
 * fires in the chosen zone, or croner's reason it is not a schedule, as the user types; the
 * server checks again on save. Both need the browser's clock and zone list, so they appear
 * once the page runs there.
 */
export function ScheduleFields({ schedule, errors }: { schedule: TaskFormState['schedule']; errors: Errors }) {
  const { type, cron, timezone, runAt, browserZone } = schedule
  const inBrowser = browserZone !== null
  const zones = useMemo(() => (inBrowser ? ['UTC', ...Intl.supportedValuesOf('timeZone')] : []), [inBrowser])

  const typed = inBrowser && cron.trim() !== ''
  const problem = typed ? cronProblem(cron, timezone) : null
  const fires = typed && !problem ? nextFires(cron, timezone, PREVIEW_FIRES) : []
  const runAtInstant = inBrowser && runAt ? zonedToInstant(runAt, timezone) : null

  return (
    <fieldset className="grid gap-4">
      <legend className="mb-2 text-sm font-semibold">Schedule</legend>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field label="Type" htmlFor="task-type" error={errors.type}>
          <NativeSelect value={type} onChange={(e) => schedule.setType(e.target.value as TaskType)}>
            {taskTypes.map((t) => (
              <option key={t} value={t}>
                {taskTypeLabels[t]}
              </option>
            ))}
          </NativeSelect>
        </Field>
        {type !== 'manual' && (
          <Field
            label="Time zone"
            htmlFor="task-timezone"
            error={errors.timezone}
            description={browserZone === timezone ? 'Your browser’s zone.' : undefined}
          >
            <NativeSelect value={timezone} onChange={(e) => schedule.setZone(e.target.value)}>
              {!zones.includes(timezone) && <option value={timezone}>{timezone}</option>}
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </NativeSelect>
          </Field>
        )}
      </div>
      {type === 'manual' && (
        <p className="text-sm text-muted-foreground">Runs only when started: Run now, the API or a webhook.</p>
      )}
      {type === 'cron' && (
        <div className="grid gap-3">
          <Field
            label="Cron expression"
            htmlFor="task-cron"
            error={problem ?? errors.cron}
            description="5 fields (minute hour day month weekday), or 6 with seconds first, e.g. 0 3 * * 1-5."
          >
            <Input
              value={cron}
              onChange={(e) => schedule.setCron(e.target.value)}
              className="font-mono"
              autoComplete="off"
              spellCheck={false}
              placeholder="0 3 * * *"
            />
          </Field>
          {fires.length > 0 && (
            <div className="grid gap-1 text-sm" aria-live="polite">
              <p className="font-medium" id="task-fires-heading">
                Next {fires.length} fires in {timezone}
              </p>
              <ol aria-labelledby="task-fires-heading" className="grid gap-0.5 text-muted-foreground tabular-nums">
                {fires.map((f) => (
                  <li key={f.getTime()}>{formatInZone(f, timezone)}</li>
                ))}
              </ol>
            </div>
          )}
        </div>
      )}
      {type === 'once' && (
        <Field
          label="Run at"
          htmlFor="task-run-at"
          error={errors.runAt}
          description={runAtInstant ? `${formatInZone(runAtInstant, timezone)}.` : 'Date and time in the time zone.'}
        >
          <Input type="datetime-local" value={runAt} onChange={(e) => schedule.setRunAt(e.target.value)} />
        </Field>
      )}
    </fieldset>
  )
}
