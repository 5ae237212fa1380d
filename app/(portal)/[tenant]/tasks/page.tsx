import type { Metadata } from 'next'
import { NotBuilt } from '@/components/portal/not-built'

export const metadata: Metadata = { title: 'Tasks' }

export default function Page() {
  return <NotBuilt title="Tasks" purpose="Scripts bound to targets, run now or on a schedule." />
}
