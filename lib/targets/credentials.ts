import 'server-only'
import { decryptSecret, encryptSecret } from '@/lib/crypto/envelope'
import { inspectPrivateKey, KeyError, type SshCredential } from '@/lib/ssh'
import type { CredentialType } from './schema'

// The secret half of a credential is one envelope of JSON; only lib/ssh callers open it.

type Secret = { privateKey: string; passphrase?: string } | { password: string }

export interface StoredCredential {
  credentialType: string
  credentialSecret: string | null
}

export interface CredentialInput {
  credentialType: CredentialType
  privateKey: string
  passphrase: string
  password: string
}

export type SealResult =
  | { ok: true; credentialType: CredentialType; credentialSecret: string | null }
  | { ok: false; field: 'privateKey' | 'passphrase' | 'password'; message: string }

function openSecret(stored: StoredCredential): Secret | null {
  return stored.credentialSecret ? (JSON.parse(decryptSecret(stored.credentialSecret)) as Secret) : null
}

/**
 * Turns the form's credential fields into what is stored. Empty secret fields keep the
 * stored secret of the same type, so an edit never needs the secret again.
 */
export function sealCredential(input: CredentialInput, existing?: StoredCredential | null): SealResult {
  const kept = existing?.credentialType === input.credentialType ? openSecret(existing) : null
  if (input.credentialType === 'platform_key')
    return { ok: true, credentialType: 'platform_key', credentialSecret: null }
  if (input.credentialType === 'password') {
    const password = input.password || (kept && 'password' in kept ? kept.password : '')
    if (!password) return { ok: false, field: 'password', message: 'Enter the password.' }
    return { ok: true, credentialType: 'password', credentialSecret: encryptSecret(JSON.stringify({ password })) }
  }
  const keptKey = kept && 'privateKey' in kept ? kept : null
  const privateKey = input.privateKey.trim() ? input.privateKey.trim() + '\n' : keptKey?.privateKey
  if (!privateKey) return { ok: false, field: 'privateKey', message: 'Paste the private key.' }
  const passphrase = input.passphrase || (input.privateKey.trim() ? '' : (keptKey?.passphrase ?? ''))
  try {
    inspectPrivateKey(privateKey, passphrase || undefined)
  } catch (error) {
    if (!(error instanceof KeyError)) throw error
    const field = error.reason === 'needs_passphrase' || error.reason === 'bad_passphrase' ? 'passphrase' : 'privateKey'
    return { ok: false, field, message: `${error.message}.` }
  }
  const secret: Secret = passphrase ? { privateKey, passphrase } : { privateKey }
  return { ok: true, credentialType: 'private_key', credentialSecret: encryptSecret(JSON.stringify(secret)) }
}

/** The decrypted credential for lib/ssh. platformPrivateKey is the tenant's (decrypted on use). */
export function openCredential(stored: StoredCredential, platformPrivateKey: string | null): SshCredential {
  if (stored.credentialType === 'platform_key') {
    if (!platformPrivateKey) throw new Error('The tenant has no platform key yet')
    return { type: 'key', privateKey: decryptSecret(platformPrivateKey) }
  }
  const secret = openSecret(stored)
  if (secret && 'password' in secret) return { type: 'password', password: secret.password }
  if (secret && 'privateKey' in secret)
    return { type: 'key', privateKey: secret.privateKey, passphrase: secret.passphrase }
  throw new Error('The stored credential is incomplete')
}
