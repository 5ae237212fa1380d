import type { Metadata } from 'next'
import { NotBuilt } from '@/components/portal/not-built'

export const metadata: Metadata = { title: 'Platform key' }

export default function Page() {
  return <NotBuilt title="Platform key" purpose="The tenant's SSH key that targets trust." />
}
