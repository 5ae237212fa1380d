import type { Metadata } from 'next'
import { NotBuilt } from '@/components/portal/not-built'

export const metadata: Metadata = { title: 'Scripts' }

export default function Page() {
  return <NotBuilt title="Scripts" purpose="Shell scripts with versions, parameters and a built-in editor." />
}
