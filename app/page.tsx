import { redirect } from 'next/navigation'
import { requireUser } from '@/lib/auth/session'
import { listAccessibleTenants } from '@/lib/auth/tenant-access'
import { SignOutButton } from '@/components/portal/sign-out-button'

export const dynamic = 'force-dynamic'

/** Sends each user where they work: admins to administration, others to their first tenant. */
export default async function Home() {
  const user = await requireUser()
  if (user.isSystemAdmin) redirect('/admin')
  const [first] = await listAccessibleTenants(user)
  if (first) redirect(`/${first.slug}`)
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 p-4 text-center">
      <h1 className="text-xl font-semibold">You are not a member of any tenant yet</h1>
      <p className="text-muted-foreground">Ask a tenant admin or a system admin to add {user.email}.</p>
      <SignOutButton />
    </main>
  )
}
