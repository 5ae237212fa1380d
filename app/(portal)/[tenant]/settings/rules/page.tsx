import type { Metadata } from 'next'
import { NotBuilt } from '@/components/portal/not-built'

export const metadata: Metadata = { title: 'Dangerous commands' }

export default function Page() {
  return <NotBuilt title="Dangerous commands" purpose="Rules that warn about or block risky commands in scripts." />
}
