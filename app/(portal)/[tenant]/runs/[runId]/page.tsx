import type { Metadata } from 'next'
import { RunPage } from '@/components/runs/run-page'

export const metadata: Metadata = { title: 'Run' }

export default async function ScriptRunPage({ params }: { params: Promise<{ tenant: string; runId: string }> }) {
  const { tenant, runId } = await params
  return <RunPage slug={tenant} runId={runId} />
}
