import 'server-only'
import { getServerSession } from 'next-auth'
import { notFound, redirect } from 'next/navigation'
import { connection } from 'next/server'
import { cache } from 'react'
import { db } from '@/lib/db'
import { authOptions } from './options'

export interface SessionUser {
  id: string
  email: string
  name: string
  isSystemAdmin: boolean
}

/**
 * The signed-in user, read fresh from the database on every request, so disabling a
 * user, changing their rights or resetting their password (which raises their session
 * version) takes effect at once: the JWT only carries the id and that version.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Per-request by nature: never let a page that asks for the user be prerendered.
  await connection()
  const session = await getServerSession(authOptions)
  const id = session?.user?.id
  if (!id) return null
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, isSystemAdmin: true, disabled: true, sessionVersion: true },
  })
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null
  return { id: user.id, email: user.email, name: user.name, isSystemAdmin: user.isSystemAdmin }
})

/** For pages: the user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser()
  if (!user) redirect('/login')
  return user
}

/** For system-admin pages: anyone else gets "not found", as for any object they may not see. */
export async function requireSystemAdmin(): Promise<SessionUser> {
  const user = await requireUser()
  if (!user.isSystemAdmin) notFound()
  return user
}
