import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { loadConfig } from '@/lib/config'
import { createSecretBox, decryptSecret, encryptSecret, SecretDecryptError } from '@/lib/crypto/envelope'
import { derivedKey, masterKey, previousMasterKeys } from '@/lib/crypto/master-key'

const oldHex = randomBytes(32)
const oldBase64 = randomBytes(32)
const list = ` ${oldHex.toString('hex')}, ${oldBase64.toString('base64')} ,`

// Before the first secret is sealed in this file: the server's box reads its keys once.
vi.stubEnv('FANOUT_PREVIOUS_MASTER_KEYS', list)
afterAll(() => void vi.unstubAllEnvs())

describe('FANOUT_PREVIOUS_MASTER_KEYS', () => {
  it('is a comma-separated list of master keys, hex or base64', () => {
    expect(
      loadConfig({ FANOUT_PREVIOUS_MASTER_KEYS: list } as unknown as NodeJS.ProcessEnv).FANOUT_PREVIOUS_MASTER_KEYS,
    ).toBe(list)
    expect(previousMasterKeys()).toEqual([oldHex, oldBase64])
    expect(previousMasterKeys({})).toEqual([])
  })

  it('refuses a malformed key at boot, naming it by position and never echoing a key', () => {
    const good = oldHex.toString('hex')
    const bad = oldHex.toString('hex').slice(0, 63)
    let message = ''
    try {
      loadConfig({ FANOUT_PREVIOUS_MASTER_KEYS: `${good},${bad}` } as unknown as NodeJS.ProcessEnv)
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(/FANOUT_PREVIOUS_MASTER_KEYS: key 2 of 2 must be 32 bytes as 64 hex characters or base64/)
    expect(message).not.toContain(bad)
    expect(() => previousMasterKeys({ FANOUT_PREVIOUS_MASTER_KEYS: `${good},${bad}` })).toThrow(
      /^FANOUT_PREVIOUS_MASTER_KEYS: key 2 must be 32 bytes/,
    )
  })

  it('lets the server read secrets of the old keys and seals new ones with the current key only', () => {
    const fromOld = createSecretBox([derivedKey('secrets', oldBase64)]).encrypt('old secret')
    expect(decryptSecret(fromOld)).toBe('old secret')
    const fresh = encryptSecret('new secret')
    expect(createSecretBox([derivedKey('secrets', masterKey())]).decrypt(fresh)).toBe('new secret')
    expect(() => createSecretBox([derivedKey('secrets', oldHex)]).decrypt(fresh)).toThrow(SecretDecryptError)
    const stranger = createSecretBox([randomBytes(32)]).encrypt('x')
    expect(() => decryptSecret(stranger)).toThrow(/not loaded/)
  })
})
