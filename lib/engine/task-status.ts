import 'server-only'
import { db } from '@/lib/db'

/**
 * A task's "last status" (its list column and filter) follows its latest run: every place
 * that changes a run's status calls this. A run that is no longer the task's latest changes
 * nothing. Raw SQL, because Prisma would bump Task.updatedAt, which the scheduler reads as
 * "the schedule changed" (and then ignores fires missed before it).
 */
export async function followRunStatus(runIds: string[], status: string) {
  for (const runId of runIds)
    await db.$executeRaw`UPDATE "Task" SET "lastStatus" = ${status} WHERE "lastRunId" = ${runId}`
}

/** A task's latest run is this one, just queued (without touching updatedAt, as above). */
export async function recordTaskRun(taskId: string, runId: string) {
  await db.$executeRaw`UPDATE "Task" SET "lastRunId" = ${runId}, "lastStatus" = 'queued' WHERE "id" = ${taskId}`
}
