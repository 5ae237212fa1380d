import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import { hashPassword } from '@/lib/auth/password'
import { db } from '@/lib/db'

/** Setup is open until the first system admin exists, and never again. */
export async function needsSetup(): Promise<boolean> {
  return (await db.user.count({ where: { isSystemAdmin: true } })) === 0
}

/**
 * Creates the first system admin, or returns null when one already exists. Serializable,
 * so two racing setup requests cannot both win.
 */
export async function createFirstAdmin(
  input: { name: string; email: string; password: string },
  source: { ip: string | null; via: 'setup page' | 'environment' },
) {
  const passwordHash = await hashPassword(input.password)
  const user = await db.$transaction(
    async (tx) => {
      if ((await tx.user.count({ where: { isSystemAdmin: true } })) > 0) return null
      return tx.user.upsert({
        where: { email: input.email },
        create: { email: input.email, name: input.name, passwordHash, isSystemAdmin: true },
        update: { name: input.name, passwordHash, isSystemAdmin: true, disabled: false },
        select: { id: true, email: true },
      })
    },
    { isolationLevel: 'Serializable' },
  )
  if (user) {
    await recordAudit({
      action: 'setup.first_admin',
      actor: source.via === 'environment' ? { type: 'system' } : { type: 'anonymous', label: user.email },
      target: { type: 'user', id: user.id, label: user.email },
      detail: { via: source.via },
      ip: source.ip,
    })
  }
  return user
}
