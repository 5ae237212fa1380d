import type { z } from 'zod'
import { labelsField, targetSchema } from '../schema'
import type { ImportHost } from './types'

// The target form's own field rules (lib/targets/schema.ts), so an import can never create
// what the form would refuse.
const rules = targetSchema.shape

/** A host as a parser found it: strings straight from the file, not yet checked. */
export interface RawHost {
  name: string
  host?: string
  port?: unknown
  username?: string
  labels: string[]
  resourcePool?: string
  region?: string
  encoding?: string
  proxy?: string
  line: number
}

export const DEFAULT_PORT = 22

const shown = (value: unknown) => {
  const text = String(value)
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text)
}

function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): { value: z.output<S> } | { error: string } {
  const result = schema.safeParse(value)
  if (result.success) return { value: result.data }
  return { error: `${what} ${shown(value)}: ${result.error.issues[0]?.message ?? 'not valid.'}` }
}

export const checkPort = (value: unknown) => check(rules.port, value, 'Port')
export const checkUser = (value: unknown) => check(rules.username, value, 'SSH user')
export const checkHost = (value: unknown) => check(rules.host, value, 'Host')

/** Checks one group or label name; returns the form's message when it is not a valid label. */
export function labelError(label: string): string | null {
  // The form's labels field splits on spaces and commas: make those fail its label rule
  // instead of silently turning one group into two labels.
  const result = labelsField.safeParse(label.replace(/[\s,]/g, '?'))
  if (result.success) return null
  return `${shown(label)} can't be a label: ${result.error.issues[0]?.message ?? 'not valid.'}`
}

/** Applies the target form's rules to a raw host; every failing field gets its own message. */
export function validateHost(raw: RawHost): { host: ImportHost; errors?: never } | { errors: string[]; host?: never } {
  const errors: string[] = []
  const take = <T>(result: { value: T } | { error: string }): T | undefined => {
    if ('error' in result) errors.push(result.error)
    else return result.value
  }
  const name = take(check(rules.name, raw.name, 'Name'))
  const host = take(checkHost(raw.host ?? raw.name))
  const port = take(checkPort(raw.port === undefined || raw.port === '' ? DEFAULT_PORT : raw.port))
  const username = raw.username ? take(checkUser(raw.username)) : undefined
  const labels = take(check(labelsField, raw.labels.join(' '), 'Labels'))
  const resourcePool = take(check(rules.resourcePool, raw.resourcePool, 'Resource pool'))
  const region = take(check(rules.region, raw.region, 'Region'))
  const encoding = raw.encoding ? take(check(rules.encoding, raw.encoding.toLowerCase(), 'Encoding')) : undefined
  if (errors.length) return { errors }
  const result: ImportHost = { name: name!, host: host!, port: port!, labels: labels!, line: raw.line }
  if (username) result.username = username
  if (resourcePool) result.resourcePool = resourcePool
  if (region) result.region = region
  if (encoding) result.encoding = encoding
  if (raw.proxy) result.proxy = raw.proxy
  return { host: result }
}
