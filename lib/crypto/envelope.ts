import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { derivedKey, masterKey, previousMasterKeys } from './master-key'

// Every secret at rest (private keys, passphrases, passwords, secret parameters) is one
// string: 'v1:<keyId>:<nonce>:<ciphertext+tag>' (base64url parts), AES-256-GCM with a
// random 96-bit nonce per value. The key id is a hash of the key, never the key, so a
// later rotation can keep old keys loaded and find the one each value needs. The header
// ('v1:<keyId>') is authenticated as additional data: changing it breaks decryption.

const VERSION = 'v1'
const NONCE_BYTES = 12
const TAG_BYTES = 16
const B64URL = /^[A-Za-z0-9_-]*$/

export type SecretErrorReason = 'malformed' | 'unknown_key' | 'authentication_failed'

/** Thrown by decryptSecret. Its message never contains the stored value or the plaintext. */
export class SecretDecryptError extends Error {
  override readonly name = 'SecretDecryptError'
  constructor(
    readonly reason: SecretErrorReason,
    message: string,
  ) {
    super(message)
  }
}

export interface SecretBox {
  /** Id of the key new values are encrypted with. */
  readonly keyId: string
  encrypt(plaintext: string): string
  decrypt(envelope: string): string
  /** True when the value was encrypted with a key other than the current one (re-encrypt it). */
  needsRotation(envelope: string): boolean
}

/** A short public id for a key: a domain-separated SHA-256 of it, truncated. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('fanout:secret-key-id:').update(key).digest('base64url').slice(0, 12)
}

/** keys[0] encrypts; every key decrypts the values made with it (rotation keeps old keys here). */
export function createSecretBox(keys: Buffer[]): SecretBox {
  if (keys.length === 0) throw new Error('createSecretBox needs at least one key')
  const byId = new Map<string, Buffer>()
  for (const key of keys) {
    if (key.length !== 32) throw new Error('AES-256-GCM keys must be 32 bytes')
    byId.set(keyIdOf(key), key)
  }
  const current = { id: keyIdOf(keys[0]), key: keys[0] }

  return {
    keyId: current.id,
    encrypt(plaintext) {
      if (typeof plaintext !== 'string') throw new TypeError('encryptSecret expects a string')
      const header = `${VERSION}:${current.id}`
      const nonce = randomBytes(NONCE_BYTES)
      const cipher = createCipheriv('aes-256-gcm', current.key, nonce)
      cipher.setAAD(Buffer.from(header))
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
      return `${header}:${nonce.toString('base64url')}:${body.toString('base64url')}`
    },
    decrypt(envelope) {
      const parts = parse(envelope)
      const key = byId.get(parts.keyId)
      if (!key) {
        throw new SecretDecryptError(
          'unknown_key',
          `Cannot decrypt a secret: it was encrypted with key ${parts.keyId}, which is not loaded (was the master key replaced?)`,
        )
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, parts.nonce)
        decipher.setAAD(Buffer.from(`${VERSION}:${parts.keyId}`))
        decipher.setAuthTag(parts.body.subarray(parts.body.length - TAG_BYTES))
        const plain = Buffer.concat([
          decipher.update(parts.body.subarray(0, parts.body.length - TAG_BYTES)),
          decipher.final(),
        ])
        return plain.toString('utf8')
      } catch {
        // Node's own message is generic, but nothing from the value may reach a log line.
        throw new SecretDecryptError(
          'authentication_failed',
          'Cannot decrypt a secret: it was altered or encrypted with a different key',
        )
      }
    },
    needsRotation(envelope) {
      return parse(envelope).keyId !== current.id
    },
  }
}

function parse(envelope: string) {
  const malformed = () =>
    new SecretDecryptError('malformed', 'Cannot decrypt a secret: the stored value is not a Fanout secret envelope')
  if (typeof envelope !== 'string') throw malformed()
  const parts = envelope.split(':')
  if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((p) => p.length > 0 && B64URL.test(p))) {
    throw malformed()
  }
  const [, keyId, nonceText, bodyText] = parts
  const nonce = Buffer.from(nonceText, 'base64url')
  const body = Buffer.from(bodyText, 'base64url')
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) throw malformed()
  return { keyId, nonce, body }
}

let box: SecretBox | undefined

/**
 * The box for stored secrets: keys derived for this one purpose from the master key, which
 * encrypts, and from FANOUT_PREVIOUS_MASTER_KEYS, which only decrypt (a rotation under way).
 */
export function secretBox(): SecretBox {
  return (box ??= createSecretBox([masterKey(), ...previousMasterKeys()].map((key) => derivedKey('secrets', key))))
}

export function encryptSecret(plaintext: string): string {
  return secretBox().encrypt(plaintext)
}

export function decryptSecret(envelope: string): string {
  return secretBox().decrypt(envelope)
}

/** Shape check only (no key needed): does this look like a value encryptSecret produced? */
export function isSecretEnvelope(value: string): boolean {
  try {
    parse(value)
    return true
  } catch {
    return false
  }
}
