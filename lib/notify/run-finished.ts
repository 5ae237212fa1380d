import 'server-only'
import { db } from '@/lib/db'
import { runPath } from '@/lib/runs/paths'
import { isLive, liveStatuses, statusLabels, type TargetRunStatus } from '@/lib/runs/statuses'
import { queueDeliveries } from './deliveries'
import { buildRunMessage } from './message'
import { type NotifyPolicy, notifyPolicySchema, notifyStatuses, parseNotifyPolicy } from './policy'

// When a run ends, the people its policy names get an in-app notice and its channels a
// message (PRODUCT.md §7). Every replica may call this for any run: the claim on
// Run.notifiedAt makes exactly one of them notify, once.

/** How long after its end a run not yet notified (its server died meanwhile) still is. */
const CATCH_UP_MS = 15 * 60_000

/** Notifies the end of these runs; errors are logged, never thrown at the engine. */
export async function notifyRunsEnded(runIds: string[]) {
  for (const runId of runIds) {
    try {
      await notifyRunEnded(runId)
    } catch (error) {
      console.error(
        `[fanout] notifying the end of run ${runId} failed:`,
        error instanceof Error ? error.message : error,
      )
    }
  }
}

/** Runs that ended lately without being notified: their engine's process died in between. */
export async function unnotifiedRuns(): Promise<string[]> {
  const rows = await db.run.findMany({
    where: { notifiedAt: null, finishedAt: { gte: new Date(Date.now() - CATCH_UP_MS) } },
    select: { id: true },
    take: 100,
  })
  return rows.map((r) => r.id)
}

/** One-off runs of a script have no task policy: the person who started one hears of its failure. */
function adHocPolicy(starterId: string | null): NotifyPolicy {
  return notifyPolicySchema.parse({ roles: [], userIds: starterId ? [starterId] : [] })
}

async function notifyRunEnded(runId: string) {
  const claimed = await db.run.updateMany({
    where: { id: runId, notifiedAt: null, status: { notIn: liveStatuses } },
    data: { notifiedAt: new Date() },
  })
  if (!claimed.count) return
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    select: {
      id: true,
      tenantId: true,
      taskId: true,
      status: true,
      title: true,
      triggeredByType: true,
      triggeredById: true,
      tenant: { select: { slug: true } },
    },
  })
  const status = run.status as TargetRunStatus
  if (isLive(status) || !(notifyStatuses as readonly string[]).includes(status)) return
  const task = run.taskId
    ? await db.task.findFirst({
        where: { id: run.taskId, tenantId: run.tenantId },
        select: { name: true, notify: true },
      })
    : null
  const policy = task
    ? parseNotifyPolicy(task.notify)
    : adHocPolicy(run.triggeredByType === 'user' ? run.triggeredById : null)
  if (!policy.on.includes(status as (typeof notifyStatuses)[number])) return

  // Only members of the run's tenant, whatever the policy names; disabled people hear nothing.
  const recipients = await db.membership.findMany({
    where: {
      tenantId: run.tenantId,
      user: { disabled: false },
      OR: [{ role: { in: policy.roles } }, { userId: { in: policy.userIds } }],
    },
    select: { userId: true },
  })
  const counts = await db.targetRun.groupBy({ by: ['status'], where: { runId }, _count: { _all: true } })
  const total = counts.reduce((n, c) => n + c._count._all, 0)
  const failed = counts.filter((c) => c.status !== 'succeeded').reduce((n, c) => n + c._count._all, 0)
  const name = task?.name ?? run.title
  if (recipients.length) {
    await db.notice.createMany({
      data: recipients.map((r) => ({
        tenantId: run.tenantId,
        userId: r.userId,
        runId,
        kind: `run.${status}`,
        title: `${name}: ${statusLabels[status].toLowerCase()}`,
        body: failed ? `${failed} of ${total} target-runs did not succeed.` : `All ${total} target-runs succeeded.`,
        link: runPath(run.tenant.slug, run),
      })),
    })
  }
  if (policy.channelIds.length) {
    await queueDeliveries(run.tenantId, runId, policy.channelIds, await buildRunMessage(runId))
  }
}
