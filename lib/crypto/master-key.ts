import { hkdfSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { masterKeyPath } from '../runtime-paths.mjs'

let cached: Buffer | undefined

/** Parses a 32-byte key written as 64 hex characters or as base64. */
export function parseMasterKey(text: string): Buffer {
  const t = text.trim()
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64')
  if (key.length !== 32) throw new Error('The master key must be 32 bytes, as 64 hex characters or base64')
  return key
}

/** FANOUT_MASTER_KEY, else ./data/master.key (scripts/start.mjs creates it on first start). */
export function masterKey(): Buffer {
  if (cached) return cached
  const fromEnv = process.env.FANOUT_MASTER_KEY
  if (fromEnv) {
    cached = parseMasterKey(fromEnv)
  } else {
    const file = masterKeyPath()
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      throw new Error(`No master key: set FANOUT_MASTER_KEY or start Fanout with npm start to create ${file}`)
    }
    cached = parseMasterKey(text)
  }
  return cached
}

/**
 * FANOUT_PREVIOUS_MASTER_KEYS (comma-separated): master keys the current one replaced, kept
 * so the secrets they encrypted stay readable until `npm run rotate-secrets` re-encrypts them.
 */
export function previousMasterKeys(env: Record<string, string | undefined> = process.env): Buffer[] {
  const texts = (env.FANOUT_PREVIOUS_MASTER_KEYS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
  return texts.map((text, i) => {
    try {
      return parseMasterKey(text)
    } catch {
      throw new Error(`FANOUT_PREVIOUS_MASTER_KEYS: key ${i + 1} must be 32 bytes, as 64 hex characters or base64`)
    }
  })
}

/** A purpose-bound key derived from a master key (the current one by default), so one secret protects everything. */
export function derivedKey(purpose: string, master = masterKey()): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `fanout:${purpose}`, 32))
}
