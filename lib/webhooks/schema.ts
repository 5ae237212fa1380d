import { z } from 'zod'
import { printableText } from '@/lib/printable'

const tenant = z.string().min(1)
const webhookId = z.string().min(1)

export const webhookName = printableText(100)

export const createWebhookSchema = z.object({ tenant, taskId: z.string().min(1), name: webhookName.default('') })
export const webhookIdSchema = z.object({ tenant, webhookId })
export const setWebhookEnabledSchema = z.object({ tenant, webhookId, enabled: z.boolean() })

/** Values may be sent as JSON numbers or booleans; a parameter is always text. */
const value = z.union([z.string().max(10_000), z.number(), z.boolean()]).transform(String)

/**
 * A webhook call's JSON body. `parameters` is by step index, then name (like queueTaskRun's
 * overrides); a flat `{ NAME: value }` is short for the first step's.
 */
export const hookBodySchema = z
  .strictObject({
    parameters: z
      .union([z.record(z.string(), value), z.record(z.string().regex(/^\d+$/), z.record(z.string(), value))], {
        error: 'Give { "NAME": "value" } or, per step, { "0": { "NAME": "value" } }.',
      })
      .default({}),
  })
  .transform(({ parameters }) => {
    const values = Object.values(parameters)
    const byStep = values.length > 0 && values.every((v) => typeof v === 'object')
    return {
      parameters: (byStep ? parameters : Object.keys(parameters).length ? { '0': parameters } : {}) as Record<
        string,
        Record<string, string>
      >,
    }
  })
