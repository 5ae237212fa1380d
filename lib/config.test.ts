import { describe, expect, it } from 'vitest'
import { loadConfig } from './config'

describe('configuration', () => {
  it('accepts an empty environment (every setting has a default)', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv)).toEqual({
      FANOUT_TARGET_CHECK_INTERVAL: 600,
      FANOUT_RUN_LEASE: 30,
      FANOUT_MAX_SSH: 200,
      FANOUT_OUTPUT_CAP: 10 * 1024 * 1024,
      FANOUT_SCHEDULER_SYNC: 3,
      FANOUT_ROLE: 'all',
    })
  })

  it('names each bad variable, and never echoes a secret value', () => {
    const secret = 'not-a-valid-key-but-secret'
    let message = ''
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        FANOUT_MASTER_KEY: secret,
      } as unknown as NodeJS.ProcessEnv)
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(/PORT/)
    expect(message).toMatch(/DATABASE_URL: must start with file: \(SQLite\) or postgresql:\/\//)
    expect(message).toMatch(/FANOUT_MASTER_KEY: must be 32 bytes/)
    expect(message).not.toContain(secret)
  })
})
