import { z } from 'zod'
import { runTriggerTypes } from '@/lib/runs/list-params'
import { confirmFields, startScriptRunSchema } from '@/lib/runs/schema'
import { runStatuses } from '@/lib/runs/statuses'
import { runTaskNowSchema } from '@/lib/tasks/schema'
import { pageFields } from './pagination'

// What /api/v1 accepts: these validate the requests and generate the OpenAPI document.

const id = z.string().min(1)
const q = z
  .string()
  .max(200)
  .default('')
  .meta({ description: 'Text to search for (names, for runs also ids and who).' })

export const idParams = z.object({ id: id.meta({ description: 'The object’s id.' }) })
export const outputParams = idParams.extend({ targetRunId: id.meta({ description: 'A target-run of the run.' }) })

export const listQuery = z.object({ ...pageFields, q })

const day = z.iso.date('Enter a day as YYYY-MM-DD.')
export const runListQuery = z.object({
  ...pageFields,
  q,
  status: z.enum(runStatuses).optional(),
  by: z.enum(runTriggerTypes).optional().meta({ description: 'Who or what started the run.' }),
  from: day.optional().meta({ description: 'Runs queued on or after this UTC day.' }),
  to: day.optional().meta({ description: 'Runs queued on or before this UTC day.' }),
  taskId: id.optional().meta({ description: 'Only this task’s runs.' }),
  scriptId: id.optional().meta({ description: 'Only runs that ran this script (alone or as a task step).' }),
})

export const triggerTaskBody = z
  .object({
    parameters: runTaskNowSchema.shape.parameters.meta({
      description:
        'Parameter values on top of the task’s stored ones, by step index (from 0) then parameter name, as text: ' +
        '`{ "0": { "WHO": "world" } }`. Steps and names left out keep the task’s values.',
    }),
    targetIds: z
      .array(id)
      .min(1, 'Choose at least one target.')
      .max(10_000)
      .optional()
      .meta({ description: 'Run on only these of the task’s targets (as resolved now); absent: all of them.' }),
  })
  .meta({ id: 'TriggerTask' })

export const startScriptRunBody = startScriptRunSchema.omit({ tenant: true, scriptId: true }).meta({
  id: 'StartScriptRun',
  description:
    'Runs the script’s latest version on the targets chosen by id and by label. Parameters by name, as text; ' +
    'left out or empty takes the declared default.',
})

export const confirmRunBody = z
  .object({
    decision: confirmFields.decision.meta({ description: '`continue` resumes the run, `abort` cancels it.' }),
    comment: confirmFields.comment.meta({ description: 'Recorded with the decision, shown on the run page.' }),
  })
  .meta({ id: 'ConfirmRun' })

export const outputQuery = z.object({
  stream: z.enum(['stdout', 'stderr']).default('stdout'),
  offset: z.coerce
    .number('Enter a number.')
    .int('Enter a whole number.')
    .min(0, 'At least 0.')
    .default(0)
    .meta({ description: 'Where the slice starts, in bytes of the UTF-8 text (`X-Next-Offset` of the last slice).' }),
  limit: z.coerce
    .number('Enter a number.')
    .int('Enter a whole number.')
    .min(1, 'At least 1.')
    .max(1 << 20, 'At most 1048576.')
    .default(64 * 1024)
    .meta({ description: 'Most bytes returned; a slice never ends inside a character.' }),
})

export const eventsQuery = z.object({
  targetRun: id
    .optional()
    .meta({ description: 'Also stream this target-run’s output, or `all` for every target-run’s.' }),
})
