import 'server-only'
import { db } from '@/lib/db'

/**
 * A task's "last status" (its list column and filter) follows its latest run: every place
 * that changes a run's status calls this. A run that is no longer the task's latest changes
 * nothing.
 */
export async function followRunStatus(runIds: string[], status: string) {
  if (!runIds.length) return
  await db.task.updateMany({ where: { lastRunId: { in: runIds } }, data: { lastStatus: status } })
}
