import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import { db } from '@/lib/db'
import { verifyPassword } from './password'

export const lockout = { maxFailures: 5, windowMs: 15 * 60_000 }

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterMs: number }

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * Checks an email and password. Failed attempts are audit events, and the lockout counts
 * them: one source of truth, shared by every replica on the same database.
 */
export async function signInWithPassword(
  emailInput: string,
  password: string,
  ip: string | null,
): Promise<SignInResult> {
  const email = normalizeEmail(emailInput)
  const actor = { type: 'anonymous' as const, label: email }
  const since = new Date(Date.now() - lockout.windowMs)
  const failures = await db.auditEvent.findMany({
    where: { action: 'auth.signin_failed', targetLabel: email, createdAt: { gte: since } },
    orderBy: { createdAt: 'desc' },
    take: lockout.maxFailures,
    select: { createdAt: true },
  })
  if (failures.length >= lockout.maxFailures) {
    const oldest = failures[failures.length - 1].createdAt.getTime()
    await recordAudit({ action: 'auth.signin_locked', actor, target: { type: 'user', label: email }, ip })
    return { ok: false, reason: 'locked', retryAfterMs: Math.max(0, oldest + lockout.windowMs - Date.now()) }
  }

  const user = await db.user.findUnique({ where: { email } })
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password)
  if (!user || !passwordOk || user.disabled) {
    await recordAudit({
      action: 'auth.signin_failed',
      actor,
      target: { type: 'user', id: user?.id, label: email },
      detail: { reason: !user ? 'unknown email' : user.disabled ? 'account disabled' : 'wrong password' },
      ip,
    })
    return { ok: false, reason: 'invalid' }
  }
  await recordAudit({
    action: 'auth.signin',
    actor: { type: 'user', id: user.id, label: email },
    target: { type: 'user', id: user.id, label: email },
    ip,
  })
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } }
}

export function signInErrorMessage(result: Exclude<SignInResult, { ok: true }>): string {
  if (result.reason === 'locked') {
    const minutes = Math.max(1, Math.ceil(result.retryAfterMs / 60_000))
    return `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
  }
  return 'Invalid email or password.'
}
