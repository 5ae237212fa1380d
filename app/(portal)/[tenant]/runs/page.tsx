import type { Metadata } from 'next'
import { NotBuilt } from '@/components/portal/not-built'

export const metadata: Metadata = { title: 'Runs' }

export default function Page() {
  return <NotBuilt title="Runs" purpose="Every run of every task, with each host's output." />
}
