import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { signInWithPassword } from '@/lib/auth/sign-in'
import { createFirstAdmin, needsSetup } from '@/lib/setup/first-admin'
import { ensureAdminFromEnvironment } from '@/lib/setup/from-environment'

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

describe(`unattended setup from the environment (${process.env.FANOUT_TEST_DB})`, () => {
  it('FANOUT_ADMIN_EMAIL and FANOUT_ADMIN_PASSWORD create the first admin once, and sign-in works', async () => {
    await db.user.deleteMany({})
    const config = { FANOUT_ADMIN_EMAIL: 'Boot@Example.test', FANOUT_ADMIN_PASSWORD: 'boot-password-1' }
    await ensureAdminFromEnvironment(config)
    await ensureAdminFromEnvironment({ ...config, FANOUT_ADMIN_PASSWORD: 'another-password' })
    const admins = await db.user.findMany({ where: { isSystemAdmin: true } })
    expect(admins.map((a) => a.email)).toEqual(['boot@example.test'])
    expect((await signInWithPassword('boot@example.test', 'boot-password-1', null)).ok).toBe(true)
    expect((await signInWithPassword('boot@example.test', 'another-password', null)).ok).toBe(false)
  })

  it('refuses a weak password from the environment with a clear message', async () => {
    await expect(ensureAdminFromEnvironment({ FANOUT_ADMIN_EMAIL: 'a@b.test', FANOUT_ADMIN_PASSWORD: 'short' })).rejects.toThrow(
      /at least 10 characters/,
    )
  })
})
