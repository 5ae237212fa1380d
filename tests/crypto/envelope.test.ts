import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  createSecretBox,
  decryptSecret,
  encryptSecret,
  isSecretEnvelope,
  keyIdOf,
  SecretDecryptError,
} from '@/lib/crypto/envelope'
import { derivedKey, masterKey } from '@/lib/crypto/master-key'

const SECRET = 'correct horse battery staple ✓'

function expectDecryptError(fn: () => unknown, reason: SecretDecryptError['reason'], ...mustNotContain: string[]) {
  let error: unknown
  try {
    fn()
  } catch (err) {
    error = err
  }
  expect(error).toBeInstanceOf(SecretDecryptError)
  expect((error as SecretDecryptError).reason).toBe(reason)
  for (const text of [(error as Error).message, String(error), JSON.stringify(error), (error as Error).stack ?? '']) {
    for (const secret of mustNotContain) expect(text).not.toContain(secret)
  }
}

describe('encryptSecret / decryptSecret', () => {
  it('round-trips any UTF-8 text, including empty and multi-line private keys', () => {
    for (const value of [
      SECRET,
      '',
      'x',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END…\n',
      'ü'.repeat(10_000),
    ]) {
      expect(decryptSecret(encryptSecret(value))).toBe(value)
    }
  })

  it('stores version, key id, nonce and ciphertext, with a fresh nonce every time', () => {
    const a = encryptSecret(SECRET)
    const b = encryptSecret(SECRET)
    expect(a).not.toBe(b)
    const [version, keyId, nonce, body] = a.split(':')
    expect(version).toBe('v1')
    expect(keyId).toBe(keyIdOf(derivedKey('secrets')))
    expect(Buffer.from(nonce, 'base64url')).toHaveLength(12)
    expect(Buffer.from(body, 'base64url')).toHaveLength(Buffer.byteLength(SECRET) + 16)
    expect(a.split(':')[2]).not.toBe(b.split(':')[2])
    expect(a).not.toContain(Buffer.from(SECRET).toString('base64url').slice(0, 8))
    expect(isSecretEnvelope(a)).toBe(true)
  })

  it('derives the key id from a hash: it reveals neither the secrets key nor the master key', () => {
    const keyId = encryptSecret(SECRET).split(':')[1]
    for (const key of [derivedKey('secrets'), masterKey()]) {
      for (const encoding of ['hex', 'base64', 'base64url'] as const) {
        expect(key.toString(encoding)).not.toContain(keyId)
      }
    }
    expect(keyIdOf(masterKey())).not.toBe(keyId) // the master key itself is never used directly
  })

  it('refuses a tampered value: any flipped bit in nonce, ciphertext or tag', () => {
    const envelope = encryptSecret(SECRET)
    const [version, keyId, nonce, body] = envelope.split(':')
    const flip = (b64: string, byte: number) => {
      const buf = Buffer.from(b64, 'base64url')
      buf[byte] ^= 0x01
      return buf.toString('base64url')
    }
    const bodyLen = Buffer.from(body, 'base64url').length
    for (const tampered of [
      [version, keyId, flip(nonce, 0), body],
      [version, keyId, nonce, flip(body, 0)],
      [version, keyId, nonce, flip(body, bodyLen - 1)], // the tag
    ]) {
      expectDecryptError(() => decryptSecret(tampered.join(':')), 'authentication_failed', SECRET, body, nonce)
    }
    // A value moved under another key id is refused before any decryption is tried.
    expectDecryptError(() => decryptSecret([version, 'AAAAAAAAAAAA', nonce, body].join(':')), 'unknown_key', body)
  })

  it('refuses a value encrypted under another key, without leaking it', () => {
    const other = createSecretBox([randomBytes(32)])
    const envelope = other.encrypt(SECRET)
    const body = envelope.split(':')[3]
    expectDecryptError(() => decryptSecret(envelope), 'unknown_key', SECRET, body)
    // Same key id (forged), different key: authentication fails.
    const forged = envelope.replace(other.keyId, keyIdOf(derivedKey('secrets')))
    expectDecryptError(() => decryptSecret(forged), 'authentication_failed', SECRET, body)
  })

  it('refuses malformed values with a message that does not echo them', () => {
    const good = encryptSecret(SECRET)
    const [, keyId, nonce, body] = good.split(':')
    const inputs = [
      '',
      'plain text password',
      good.replace(/^v1/, 'v2'),
      good.split(':').slice(0, 3).join(':'),
      `${good}:extra`,
      `v1:${keyId}:${nonce}:not*base64`,
      `v1:${keyId}:AAAA:${body}`, // 3-byte nonce
      `v1:${keyId}:${nonce}:AAAA`, // body shorter than a tag
    ]
    for (const input of inputs) {
      expectDecryptError(() => decryptSecret(input), 'malformed', ...(input ? [input] : []))
      expect(isSecretEnvelope(input)).toBe(false)
    }
  })

  it('decrypts with an older key kept for rotation and says which values need re-encryption', () => {
    const oldKey = randomBytes(32)
    const newKey = randomBytes(32)
    const before = createSecretBox([oldKey]).encrypt(SECRET)
    const rotated = createSecretBox([newKey, oldKey])
    expect(rotated.decrypt(before)).toBe(SECRET)
    expect(rotated.needsRotation(before)).toBe(true)
    const after = rotated.encrypt(SECRET)
    expect(rotated.needsRotation(after)).toBe(false)
    expect(after.split(':')[1]).toBe(keyIdOf(newKey))
  })
})
