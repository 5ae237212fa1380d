import 'server-only'
import { returnValidationErrors } from 'next-safe-action'
import type { z } from 'zod'
import { type CredentialInput, sealCredential, type StoredCredential } from './credentials'

/**
 * Splits a target or proxy form into the columns to store and its sealed credential; a
 * credential problem becomes a field error of `schema` (the action ends there).
 */
export function sealForm<T extends CredentialInput & { tenant: string }>(
  schema: z.ZodObject,
  input: T,
  existing: StoredCredential | null,
) {
  const sealed = sealCredential(input, existing)
  if (!sealed.ok) returnValidationErrors(schema, { [sealed.field]: { _errors: [sealed.message] } })
  const { tenant: _t, privateKey: _k, passphrase: _p, password: _w, credentialType: _c, ...data } = input
  return { data, credential: { credentialType: sealed.credentialType, credentialSecret: sealed.credentialSecret } }
}
