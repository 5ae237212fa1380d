import { z } from 'zod'
import { textField } from '@/lib/printable'

// Parameter declarations of a script version. Three shapes, one per boundary:
//   ParameterInput   what the form (or any client) sends; a secret's default is plain text here
//   StoredParameter  what a version stores (JSON); a secret's default is a lib/crypto envelope
//   ParameterView    what pages get; a secret's default never leaves the server, only whether it is set
// No Node or server imports: the form's client code uses the types and labels.

export const parameterTypes = ['string', 'number', 'choice', 'secret'] as const
export type ParameterType = (typeof parameterTypes)[number]

export const parameterTypeLabels: Record<ParameterType, string> = {
  string: 'Text',
  number: 'Number',
  choice: 'Choice',
  secret: 'Secret',
}

/** A run passes each parameter as `FANOUT_PARAM_<NAME>` and a positional argument: a shell-safe identifier. */
export const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
export const MAX_PARAMETERS = 50
const NUMBER = /^-?\d+(?:\.\d+)?$/
// An environment variable cannot carry a NUL byte.
const hasNul = (s: string) => s.includes('\u0000')

export const parameterInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Enter a name.')
      .max(64, 'At most 64 characters.')
      .regex(PARAMETER_NAME, 'Use letters, digits and _, not starting with a digit.'),
    type: z.enum(parameterTypes, 'Choose a type.'),
    description: textField(500).default(''),
    required: z.boolean().default(false),
    /** '' means no default. For a secret: a new value, unless keepStoredDefault. */
    default: z.string().max(1000, 'At most 1000 characters.').default(''),
    options: z.array(z.string().trim().min(1, 'An option cannot be empty.').max(200)).max(100).default([]),
    /** Secret only: keep the stored default of the parameter called `originalName` in the version edited. */
    keepStoredDefault: z.boolean().default(false),
    originalName: z.string().max(64).optional(),
  })
  .superRefine((p, ctx) => {
    if (hasNul(p.default))
      ctx.addIssue({ code: 'custom', path: ['default'], message: 'The default cannot contain NUL.' })
    if (p.type === 'number' && p.default.trim() !== '' && !NUMBER.test(p.default.trim())) {
      ctx.addIssue({ code: 'custom', path: ['default'], message: 'The default must be a number, e.g. 10 or 2.5.' })
    }
    if (p.type === 'choice') {
      if (p.options.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'List the options to choose from.' })
      }
      const duplicate = p.options.find((o, i) => p.options.indexOf(o) !== i)
      if (duplicate) ctx.addIssue({ code: 'custom', path: ['options'], message: `“${duplicate}” is listed twice.` })
      if (p.options.some(hasNul))
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'Options cannot contain NUL.' })
      if (p.default.trim() !== '' && !p.options.includes(p.default.trim())) {
        ctx.addIssue({ code: 'custom', path: ['default'], message: 'The default must be one of the options.' })
      }
    }
  })
  .transform((p) => ({
    ...p,
    // Numbers and choices compare as typed tokens; text and secrets are kept byte for byte.
    default: p.type === 'number' || p.type === 'choice' ? p.default.trim() : p.default,
    options: p.type === 'choice' ? p.options : [],
  }))

export type ParameterInput = z.output<typeof parameterInputSchema>
export type ParameterInputDraft = z.input<typeof parameterInputSchema>

export const parameterListSchema = z
  .array(parameterInputSchema)
  .max(MAX_PARAMETERS, `At most ${MAX_PARAMETERS} parameters.`)
  .superRefine((list, ctx) => {
    // FANOUT_PARAM_<NAME> is upper-cased, so `port` and `PORT` would be one variable.
    const seen = new Map<string, number>()
    list.forEach((p, i) => {
      const key = p.name.toUpperCase()
      const first = seen.get(key)
      if (first === undefined) seen.set(key, i)
      else {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `Parameter ${first + 1} already has this name (names ignore case).`,
        })
      }
    })
  })

export const storedParameterSchema = z.object({
  name: z.string(),
  type: z.enum(parameterTypes),
  description: z.string(),
  required: z.boolean(),
  /** A secret's default is a lib/crypto envelope. */
  default: z.string().nullable(),
  options: z.array(z.string()),
})

export type StoredParameter = z.infer<typeof storedParameterSchema>

export interface ParameterView {
  name: string
  type: ParameterType
  description: string
  required: boolean
  /** Always null for a secret. */
  default: string | null
  options: string[]
  /** For a secret: whether a default is stored. */
  secretIsSet: boolean
}

/** Reads a version's `parameters` column. Throws on text that is not a list of declarations. */
export function parseStoredParameters(json: string): StoredParameter[] {
  return z.array(storedParameterSchema).parse(JSON.parse(json))
}

/** The column text, with keys in one order so equal declarations serialise equally. */
export function serialiseParameters(list: readonly StoredParameter[]): string {
  return JSON.stringify(
    list.map((p) => ({
      name: p.name,
      type: p.type,
      description: p.description,
      required: p.required,
      default: p.default,
      options: p.options,
    })),
  )
}

/**
 * Declarations to store. A secret's new default is encrypted with `encrypt`; "keep" reuses the
 * envelope the edited version stored for that parameter (looked up by the name it had then),
 * so the plaintext never has to travel back to the browser.
 */
export function toStoredParameters(
  inputs: readonly ParameterInput[],
  previous: readonly StoredParameter[],
  encrypt: (plaintext: string) => string,
): StoredParameter[] {
  return inputs.map((p) => {
    let value: string | null = p.default === '' ? null : p.default
    if (p.type === 'secret') {
      if (p.keepStoredDefault) {
        const before = previous.find((q) => q.type === 'secret' && q.name === (p.originalName ?? p.name))
        value = before?.default ?? null
      } else {
        value = value === null ? null : encrypt(value)
      }
    }
    return {
      name: p.name,
      type: p.type,
      description: p.description,
      required: p.required,
      default: value,
      options: p.options,
    }
  })
}

/** What a page may show: everything but a secret's value. */
export function toParameterViews(list: readonly StoredParameter[]): ParameterView[] {
  return list.map((p) => ({
    name: p.name,
    type: p.type,
    description: p.description,
    required: p.required,
    default: p.type === 'secret' ? null : p.default,
    options: p.options,
    secretIsSet: p.type === 'secret' && p.default !== null,
  }))
}
