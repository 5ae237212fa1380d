import { z } from 'zod'
import { targetSchema } from '../schema'
import { importFormats } from './types'

export const existingChoices = ['skip', 'update'] as const

// The text is sent whole with each request; Next's default 1 MB body limit bounds it first.
const MAX_TEXT = 1_000_000

/** Input of the preview and the commit: the same fields, so the commit re-reads what was previewed. */
export const importSchema = z.object({
  tenant: z.string().min(1),
  format: z.enum(['auto', ...importFormats], 'Choose a format.').default('auto'),
  text: z
    .string()
    .max(MAX_TEXT, 'That is too much for one import: split the file.')
    .refine((t) => t.trim().length > 0, 'Paste an inventory or choose a file.'),
  existing: z.enum(existingChoices, 'Choose what happens to existing targets.').default('skip'),
  defaultUser: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(targetSchema.shape.username.optional()),
})
export type ImportInput = z.infer<typeof importSchema>
