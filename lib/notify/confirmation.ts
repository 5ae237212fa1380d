import 'server-only'
import { db } from '@/lib/db'
import type { Confirmation } from '@/lib/engine/rollout'
import { runPath } from '@/lib/runs/paths'
import { queueDeliveries } from './deliveries'
import { buildRunMessage } from './message'
import { plainText } from './channels/format'

// A run waiting at a confirmation tells the people and channels the confirmation names
// (PRODUCT.md §3a): a notice with a link to the run page, where they continue or abort.

export async function notifyConfirmation(gateId: string, confirmation: Confirmation) {
  const gate = await db.runGate.findUniqueOrThrow({
    where: { id: gateId },
    select: {
      runId: true,
      tenantId: true,
      message: true,
      run: { select: { id: true, taskId: true, title: true, tenant: { select: { slug: true } } } },
    },
  })
  const { run } = gate
  const task = run.taskId
    ? await db.task.findFirst({ where: { id: run.taskId, tenantId: gate.tenantId }, select: { name: true } })
    : null
  const name = task?.name ?? run.title
  // Only members of the run's tenant, whatever the confirmation names; disabled people hear nothing.
  const recipients = await db.membership.findMany({
    where: {
      tenantId: gate.tenantId,
      user: { disabled: false },
      OR: [{ role: { in: confirmation.roles } }, { userId: { in: confirmation.userIds } }],
    },
    select: { userId: true },
  })
  if (recipients.length)
    await db.notice.createMany({
      data: recipients.map((r) => ({
        tenantId: gate.tenantId,
        userId: r.userId,
        runId: run.id,
        kind: 'run.waiting',
        title: `${name}: waiting for confirmation`,
        body: gate.message,
        link: runPath(run.tenant.slug, run),
      })),
    })
  if (confirmation.channelIds.length) {
    const message = { ...(await buildRunMessage(run.id)), summary: gate.message }
    await queueDeliveries(gate.tenantId, run.id, confirmation.channelIds, { ...message, text: plainText(message) })
  }
}
