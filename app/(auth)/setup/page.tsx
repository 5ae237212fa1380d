import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { needsSetup } from '@/lib/setup/first-admin'
import { SetupForm } from './setup-form'

export const metadata: Metadata = { title: 'Set up' }
export const dynamic = 'force-dynamic'

export default async function SetupPage() {
  // Gone for good once the first system admin exists.
  if (!(await needsSetup())) notFound()
  return <SetupForm />
}
