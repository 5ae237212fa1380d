import { z } from 'zod'

// What "Run this script" sends. Plain schema, no server imports: the dialog uses the limits.

export const runLimits = {
  parallelism: { default: 20, max: 1000 },
  timeoutSeconds: { default: 600, max: 7 * 24 * 3600 },
} as const

const optionalNumber = (schema: z.ZodNumber) =>
  z.union([z.literal('').transform(() => null), z.null(), z.coerce.number().pipe(schema)]).default(null)

/** A run's limits, as the run dialog and the task form ask for them. */
export const runLimitFields = {
  parallelism: z.coerce
    .number('Enter a number.')
    .int('Enter a whole number.')
    .min(1, 'At least 1.')
    .max(runLimits.parallelism.max, `At most ${runLimits.parallelism.max}.`)
    .default(runLimits.parallelism.default),
  timeoutSeconds: z.coerce
    .number('Enter a number.')
    .int('Enter whole seconds.')
    .min(1, 'At least 1 second.')
    .max(runLimits.timeoutSeconds.max, 'At most 7 days.')
    .default(runLimits.timeoutSeconds.default),
  maxFailedCount: optionalNumber(z.number().int('Enter a whole number.').min(0, 'At least 0.')),
  maxFailedPercent: optionalNumber(z.number().min(0, 'At least 0.').max(100, 'At most 100.')),
}

export const startScriptRunSchema = z.object({
  tenant: z.string().min(1),
  scriptId: z.string().min(1),
  targetIds: z.array(z.string().min(1)).max(10_000).default([]),
  labels: z.array(z.string().min(1)).max(100).default([]),
  /** Values by parameter name; '' (or absent) takes the declared default. */
  parameters: z.record(z.string(), z.string().max(10_000, 'At most 10,000 characters.')).default({}),
  ...runLimitFields,
})

export type StartScriptRunInput = z.output<typeof startScriptRunSchema>

export const runIdSchema = z.object({ tenant: z.string().min(1), id: z.string().min(1) })

export const targetSearchSchema = z.object({
  tenant: z.string().min(1),
  q: z.string().max(200).default(''),
})

/** "Re-run all" or "Re-run failed": a new run of the same snapshot, all or only the failed targets. */
export const rerunSchema = runIdSchema.extend({ only: z.enum(['all', 'failed']) })

/** Text searched for in every target's output of a run (the run page's search box). */
export const outputSearchSchema = runIdSchema.extend({ q: z.string().trim().min(1).max(200) })

/** What a confirmation's Continue and Abort send (the run page and POST /api/v1/runs/{id}/confirm). */
export const gateDecisions = ['continue', 'abort'] as const
export const confirmFields = {
  decision: z.enum(gateDecisions, 'Choose continue or abort.'),
  comment: z.string().trim().max(2000, 'At most 2000 characters.').default(''),
}
export const confirmRunSchema = runIdSchema.extend(confirmFields)
