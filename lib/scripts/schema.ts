import { z } from 'zod'
import { nameField, printableText, textField } from '@/lib/printable'
import { contentBytes, MAX_CONTENT_BYTES, normaliseContent } from './content'
import { scriptLanguages } from './languages'
import { parameterListSchema } from './parameters'

// Shared by the actions and their forms.
export const scriptName = nameField()

export const scriptLanguage = z.enum(scriptLanguages, 'Choose a language.')

export const scriptDescription = textField(2000).default('')

/** Normalised here, so every check and the hash see the text that is stored. */
export const scriptContent = z
  .string()
  .transform(normaliseContent)
  .refine((s) => s.trim() !== '', 'Write the script first.')
  .refine((s) => contentBytes(s) <= MAX_CONTENT_BYTES, `Scripts are limited to ${MAX_CONTENT_BYTES / 1024} KiB.`)

export const versionMessage = printableText(200).default('')

const tenant = z.string().min(1)
const scriptId = z.string().min(1)
const versionNumber = z.coerce.number().int().min(1)
/** Warn rules matched: the first save answers with the matches, the confirmed one sets this. */
const acknowledgeWarnings = z.boolean().default(false)

const scriptFields = {
  name: scriptName,
  language: scriptLanguage,
  description: scriptDescription,
  content: scriptContent,
  parameters: parameterListSchema.default([]),
  message: versionMessage,
  acknowledgeWarnings,
}

export const createScriptSchema = z.object({ tenant, ...scriptFields })

/** `baseVersion` is the version the editor was opened on: a save on top of a newer one is refused. */
export const updateScriptSchema = z.object({ tenant, scriptId, baseVersion: versionNumber, ...scriptFields })

export const restoreVersionSchema = z.object({
  tenant,
  scriptId,
  version: versionNumber,
  baseVersion: versionNumber,
  message: versionMessage,
  acknowledgeWarnings,
})

export const deleteScriptSchema = z.object({ tenant, scriptId })

export type CreateScriptInput = z.output<typeof createScriptSchema>
export type UpdateScriptInput = z.output<typeof updateScriptSchema>
