import 'server-only'
import { encryptSecret } from '@/lib/crypto/envelope'
import type { ScriptStep } from '@/lib/engine/snapshot'
import type { StoredParameter } from '@/lib/scripts/parameters'

type ParameterValue = ScriptStep['parameters'][number]

export type BindResult = { ok: true; values: ParameterValue[] } | { ok: false; errors: Record<string, string> }

const NUMBER = /^-?\d+(?:\.\d+)?$/

/**
 * The values a run passes, in declaration order (positional arguments keep their places):
 * what the user entered, else the declared default, else ''. A secret entered now is
 * encrypted here (or, `sealed`, already is: a task's stored value); a secret left empty
 * keeps the stored envelope, so its plaintext never leaves the server. Errors are keyed by
 * parameter name.
 */
export function bindParameters(
  declared: readonly StoredParameter[],
  provided: Record<string, string>,
  sealed = false,
): BindResult {
  const errors: Record<string, string> = {}
  for (const name of Object.keys(provided)) {
    if (!declared.some((p) => p.name === name)) errors[name] = `This script has no parameter ${name}.`
  }
  const values = declared.map((p): ParameterValue => {
    const entered = provided[p.name] ?? ''
    if (!(sealed && p.type === 'secret') && entered.includes('\u0000')) errors[p.name] = 'A value cannot contain NUL.'
    if (p.type === 'secret') {
      if (entered !== '') return { name: p.name, value: sealed ? entered : encryptSecret(entered), secret: true }
      if (p.default !== null) return { name: p.name, value: p.default, secret: true }
      if (p.required) errors[p.name] = 'Required.'
      return { name: p.name, value: encryptSecret(''), secret: true }
    }
    const value =
      p.type === 'number' || p.type === 'choice' ? entered.trim() || (p.default ?? '') : entered || (p.default ?? '')
    if (value === '' && p.required) errors[p.name] = 'Required.'
    else if (value !== '' && p.type === 'number' && !NUMBER.test(value))
      errors[p.name] = 'Enter a number, e.g. 10 or 2.5.'
    else if (value !== '' && p.type === 'choice' && !p.options.includes(value))
      errors[p.name] = `Choose one of: ${p.options.join(', ')}.`
    return { name: p.name, value, secret: false }
  })
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values }
}
