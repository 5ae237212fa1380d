import { describe, expect, it } from 'vitest'
import { lockout, signInErrorMessage, signInWithPassword } from '@/lib/auth/sign-in'
import { db } from '@/lib/db'
import { setPassword } from '@/lib/users/queries'
import { makeUser } from '../support/factories'

const password = 'correct horse battery'

describe(`sign-in (${process.env.FANOUT_TEST_DB})`, () => {
  it('accepts the right password whatever the email case, and audits the sign-in with the IP', async () => {
    const user = await makeUser({ password })
    const result = await signInWithPassword(`  ${user.email.toUpperCase()} `, password, '127.0.0.9')
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: 0 } })
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'auth.signin', actorId: user.id } })
    expect(event.ip).toBe('127.0.0.9')
  })

  it('refuses a wrong password, an unknown email and a disabled account alike, auditing each', async () => {
    const user = await makeUser({ password })
    const disabled = await makeUser({ password })
    await db.user.update({ where: { id: disabled.id }, data: { disabled: true } })

    expect(await signInWithPassword(user.email, 'wrong password!', null)).toEqual({ ok: false, reason: 'invalid' })
    expect(await signInWithPassword('nobody@example.test', password, null)).toEqual({ ok: false, reason: 'invalid' })
    expect(await signInWithPassword(disabled.email, password, null)).toEqual({ ok: false, reason: 'invalid' })

    const failed = await db.auditEvent.findMany({
      where: { action: 'auth.signin_failed' },
      select: { targetLabel: true, detail: true },
    })
    expect(failed.map((f) => f.targetLabel).sort()).toEqual([user.email, 'nobody@example.test', disabled.email].sort())
    // The audit trail never holds the password that was tried.
    expect(JSON.stringify(failed)).not.toContain('wrong password!')
  })

  it('locks an account after 5 failures within 15 minutes, even for the right password', async () => {
    const user = await makeUser({ password })
    for (let i = 0; i < lockout.maxFailures; i++) {
      expect((await signInWithPassword(user.email, `wrong-${i}`, null)).ok).toBe(false)
    }
    const locked = await signInWithPassword(user.email, password, null)
    expect(locked).toMatchObject({ ok: false, reason: 'locked' })
    if (locked.ok || locked.reason !== 'locked') throw new Error('expected a lockout')
    expect(locked.retryAfterMs).toBeGreaterThan(14 * 60_000)
    expect(signInErrorMessage(locked)).toMatch(/Too many failed sign-ins.*15 minutes/)
    expect(await db.auditEvent.count({ where: { action: 'auth.signin_locked', targetLabel: user.email } })).toBe(1)

    // Another account is not affected.
    const other = await makeUser({ password })
    expect((await signInWithPassword(other.email, password, null)).ok).toBe(true)
  })

  it('unlocks once the failures are older than the window', async () => {
    const user = await makeUser({ password })
    for (let i = 0; i < lockout.maxFailures; i++) await signInWithPassword(user.email, `wrong-${i}`, null)
    await db.auditEvent.updateMany({
      where: { action: 'auth.signin_failed', targetLabel: user.email },
      data: { createdAt: new Date(Date.now() - lockout.windowMs - 1000) },
    })
    expect((await signInWithPassword(user.email, password, null)).ok).toBe(true)
  })

  it('after a password reset, signs in with the new password only, at a new session version', async () => {
    const user = await makeUser({ password })
    expect(await setPassword(user.id, `${password}-new`)).toBe(true)
    expect(await signInWithPassword(user.email, password, null)).toEqual({ ok: false, reason: 'invalid' })
    const result = await signInWithPassword(user.email, `${password}-new`, null)
    expect(result).toMatchObject({ ok: true, user: { id: user.id, sessionVersion: 1 } })
  })
})
