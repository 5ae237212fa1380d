import type { Metadata } from 'next'
import { NotBuilt } from '@/components/portal/not-built'

export const metadata: Metadata = { title: 'Notices' }

export default function Page() {
  return <NotBuilt title="Notices" purpose="Notifications about runs that need your attention." />
}
