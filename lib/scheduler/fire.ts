import 'server-only'
import { randomUUID } from 'node:crypto'
import { recordAudit } from '@/lib/audit/record'
import { db, type Prisma, provider } from '@/lib/db'
import type { QueueResult, Trigger } from '@/lib/runs/queue'
import { liveStatuses } from '@/lib/runs/statuses'
import { queueTaskRun } from '@/lib/tasks/queue'
import { type DueFire, nextFire, type ScheduledTask, scheduleKey } from './plan'

/** What became of a fire (TaskFire.outcome). */
export type FireOutcome = 'queued' | 'skipped_overlap' | 'skipped_misfire' | 'failed'

export const scheduleTrigger: Trigger = { type: 'schedule', id: null, label: 'Schedule' }

/** The tasks that fire: enabled cron and one-time tasks of enabled tenants. */
export const scheduledTasks = {
  enabled: true,
  type: { in: ['cron', 'once'] },
  tenant: { disabled: false },
} satisfies Prisma.TaskWhereInput

/**
 * Claims one fire of a task for this process and acts on it (ARCHITECTURE.md decision 10):
 * the TaskFire insert under its unique (taskId, scheduledFor) decides which process runs
 * it. Returns the outcome; 'taken' when another process claimed it first; 'changed' when
 * the task no longer fires as loaded (stopped, deleted or edited, possibly by another
 * process not yet synced with): nothing is claimed, the caller reloads it.
 */
export async function claimFire(task: ScheduledTask, due: DueFire): Promise<FireOutcome | 'taken' | 'changed'> {
  const current = await db.task.findFirst({ where: { id: task.id, ...scheduledTasks }, select: scheduleColumns })
  if (!current || scheduleKey({ ...task, ...current }) !== scheduleKey(task)) return 'changed'
  let outcome: FireOutcome = due.skippedMisfire ? 'skipped_misfire' : 'queued'
  if (outcome === 'queued' && task.overlap === 'skip' && (await hasLiveRun(task))) outcome = 'skipped_overlap'
  const fireId = await insertFire(task, due.at, outcome).catch(async (error: unknown) => {
    // Deleted a moment ago: there is nothing to claim.
    if (!(await db.task.count({ where: { id: task.id } }))) return null
    throw error
  })
  if (!fireId) return 'taken'
  if (outcome === 'queued') {
    const queued = await queueTaskRun({ tenantId: task.tenantId }, task.id, scheduleTrigger).catch(
      (e: unknown): QueueResult => ({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    )
    if (queued.ok) {
      await db.taskFire.updateMany({ where: { id: fireId }, data: { runId: queued.runId } })
      await recordAudit({
        action: 'run.start',
        actor: { type: 'schedule', id: task.id, label: scheduleTrigger.label },
        tenantId: task.tenantId,
        target: { type: 'run', id: queued.runId, label: queued.runId },
        detail: { taskId: task.id, scheduledFor: due.at.toISOString(), targets: queued.targets },
      })
    } else {
      outcome = 'failed'
      await db.taskFire.updateMany({ where: { id: fireId }, data: { outcome, error: queueError(queued) } })
    }
  }
  const next = nextFire(task, new Date())
  // Fires of one task may finish out of order across processes: lastFireAt only moves forward.
  const { count } = await db.task.updateMany({
    where: { id: task.id, tenantId: task.tenantId, OR: [{ lastFireAt: null }, { lastFireAt: { lt: due.at } }] },
    data: { lastFireAt: due.at, nextRunAt: next },
  })
  if (!count) await db.task.updateMany({ where: { id: task.id, tenantId: task.tenantId }, data: { nextRunAt: next } })
  return outcome
}

const scheduleColumns = {
  type: true,
  cron: true,
  timezone: true,
  runAt: true,
  overlap: true,
  misfire: true,
} satisfies Prisma.TaskSelect

async function hasLiveRun(task: ScheduledTask) {
  const live = await db.run.findFirst({
    where: { tenantId: task.tenantId, taskId: task.id, status: { in: liveStatuses } },
    select: { id: true },
  })
  return live !== null
}

/**
 * The claim: the new TaskFire's id, or null when the fire is already claimed. PostgreSQL
 * skips the duplicate in the statement itself, so the losing replicas fill no server log
 * with unique-violation errors; SQLite (one server, no such log) reports it as P2002.
 */
async function insertFire(task: ScheduledTask, scheduledFor: Date, outcome: FireOutcome): Promise<string | null> {
  if (provider === 'postgresql') {
    const rows = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO "TaskFire" ("id", "taskId", "tenantId", "scheduledFor", "outcome", "createdAt")
      VALUES (${randomUUID()}, ${task.id}, ${task.tenantId}, ${scheduledFor}, ${outcome}, ${new Date()})
      ON CONFLICT ("taskId", "scheduledFor") DO NOTHING
      RETURNING "id"`
    return rows[0]?.id ?? null
  }
  try {
    const fire = await db.taskFire.create({
      data: { taskId: task.id, tenantId: task.tenantId, scheduledFor, outcome },
      select: { id: true },
    })
    return fire.id
  } catch (error) {
    if ((error as { code?: unknown }).code === 'P2002') return null
    throw error
  }
}

/** A refused queueing as one line for TaskFire.error. */
function queueError(result: Exclude<QueueResult, { ok: true }>): string {
  if ('error' in result) return result.error
  const parameters = Object.entries(result.fields.parameters ?? {}).map(([key, message]) => {
    const dot = key.indexOf('.')
    return `Step ${Number(key.slice(0, dot)) + 1}, parameter ${key.slice(dot + 1)}: ${message}`
  })
  return [result.fields.targets, ...parameters].filter(Boolean).join(' ') || 'The run could not be queued.'
}
