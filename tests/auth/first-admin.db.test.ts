import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createFirstAdmin, needsSetup } from '@/lib/setup/first-admin'

const input = (email: string) => ({ name: 'Admin', email, password: 'a-long-password' })

describe(`first-run setup (${process.env.FANOUT_TEST_DB})`, () => {
  it('creates exactly one first admin even when two requests race, then closes', async () => {
    expect(await needsSetup()).toBe(true)
    const results = await Promise.allSettled([
      createFirstAdmin(input('one@example.test'), { ip: null, via: 'setup page' }),
      createFirstAdmin(input('two@example.test'), { ip: null, via: 'setup page' }),
    ])
    const winners = results.filter((r) => r.status === 'fulfilled' && r.value)
    expect(winners).toHaveLength(1)
    expect(await db.user.count({ where: { isSystemAdmin: true } })).toBe(1)
    expect(await needsSetup()).toBe(false)
    expect(await createFirstAdmin(input('three@example.test'), { ip: null, via: 'environment' })).toBeNull()
    expect(await db.auditEvent.count({ where: { action: 'setup.first_admin' } })).toBe(1)
  })
})
