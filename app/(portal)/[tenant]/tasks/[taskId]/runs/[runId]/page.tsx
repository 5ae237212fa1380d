import type { Metadata } from 'next'
import { RunPage } from '@/components/runs/run-page'

export const metadata: Metadata = { title: 'Run' }

export default async function TaskRunPage({
  params,
}: {
  params: Promise<{ tenant: string; taskId: string; runId: string }>
}) {
  const { tenant, taskId, runId } = await params
  return <RunPage slug={tenant} runId={runId} taskId={taskId} />
}
