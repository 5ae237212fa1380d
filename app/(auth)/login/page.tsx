import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { getSessionUser } from '@/lib/auth/session'
import { needsSetup } from '@/lib/setup/first-admin'
import { LoginForm } from './login-form'

export const metadata: Metadata = { title: 'Sign in' }
export const dynamic = 'force-dynamic'

/** Only same-site paths, so the sign-in page cannot be used to redirect elsewhere. */
function safeCallback(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value
  return v && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/\\') ? v : '/'
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  if (await needsSetup()) redirect('/setup')
  const callbackUrl = safeCallback((await searchParams).callbackUrl)
  if (await getSessionUser()) redirect(callbackUrl)
  return <LoginForm callbackUrl={callbackUrl} />
}
