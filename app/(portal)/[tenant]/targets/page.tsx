import type { Metadata } from 'next'
import { NotBuilt } from '@/components/portal/not-built'

export const metadata: Metadata = { title: 'Targets' }

export default function Page() {
  return <NotBuilt title="Targets" purpose="The hosts your scripts run on, reached over SSH directly or through proxies." />
}
