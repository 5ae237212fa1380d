import type { Metadata } from 'next'
import { NotBuilt } from '@/components/portal/not-built'

export const metadata: Metadata = { title: 'Proxies' }

export default function Page() {
  return <NotBuilt title="Proxies" purpose="Jump hosts that tunnel SSH connections to targets." />
}
