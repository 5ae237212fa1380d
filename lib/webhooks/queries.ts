import 'server-only'
import { pageArgs } from '@/components/data-table/search-params'
import type { Scope } from '@/lib/auth/tenant-access'
import { decryptSecret, encryptSecret } from '@/lib/crypto/envelope'
import { contains, db, type Prisma } from '@/lib/db'
import { newWebhookSecret, TOLERANCE_SECONDS } from './signature'
import type { WebhookTableState } from './table'

// Management reads and writes take the scope first and keep scope.tenantId in every where.
// The hook route alone finds a webhook by its id (the id is the address), then acts in its tenant.

// A timestamp is accepted for twice the tolerance (before and after it): remember signatures that long.
const REPLAY_WINDOW_MS = 2 * TOLERANCE_SECONDS * 1000

export async function listWebhooks(scope: Scope, taskId: string, state: WebhookTableState) {
  const where: Prisma.TaskWebhookWhereInput = {
    tenantId: scope.tenantId,
    taskId,
    ...(state.q ? { name: contains(state.q) } : {}),
  }
  const [rows, total] = await Promise.all([
    db.taskWebhook.findMany({
      where,
      orderBy: [{ [state.sort]: state.dir }, { id: 'asc' }],
      ...pageArgs(state),
      select: { id: true, name: true, enabled: true, createdAt: true, lastUsedAt: true },
    }),
    db.taskWebhook.count({ where }),
  ])
  return { rows, total }
}

export type WebhookRow = Awaited<ReturnType<typeof listWebhooks>>['rows'][number]

export function findWebhook(scope: Scope, webhookId: string) {
  return db.taskWebhook.findFirst({
    where: { id: webhookId, tenantId: scope.tenantId },
    select: { id: true, name: true, taskId: true, enabled: true },
  })
}

/** A new webhook on one of the scope's tasks, and its secret in clear (shown once); null: no such task. */
export async function createWebhook(scope: Scope, taskId: string, name: string) {
  const task = await db.task.findFirst({ where: { id: taskId, tenantId: scope.tenantId }, select: { id: true } })
  if (!task) return null
  const secret = newWebhookSecret()
  const created = await db.taskWebhook.create({
    data: { tenantId: scope.tenantId, taskId, name, secret: encryptSecret(secret) },
    select: { id: true },
  })
  return { id: created.id, secret }
}

/** Replaces the secret; calls signed with the old one are refused from now on. */
export async function rotateWebhookSecret(scope: Scope, webhookId: string): Promise<string | null> {
  const secret = newWebhookSecret()
  const { count } = await db.taskWebhook.updateMany({
    where: { id: webhookId, tenantId: scope.tenantId },
    data: { secret: encryptSecret(secret) },
  })
  return count ? secret : null
}

export async function setWebhookEnabled(scope: Scope, webhookId: string, enabled: boolean) {
  const { count } = await db.taskWebhook.updateMany({
    where: { id: webhookId, tenantId: scope.tenantId },
    data: { enabled },
  })
  return count > 0
}

export async function deleteWebhook(scope: Scope, webhookId: string) {
  const { count } = await db.taskWebhook.deleteMany({ where: { id: webhookId, tenantId: scope.tenantId } })
  return count > 0
}

/**
 * The webhook at this address with what a call needs: its secret in clear, its task and
 * tenant. Null when unknown, disabled, or its tenant is disabled (all answer 404 alike).
 */
export async function webhookForCall(webhookId: string) {
  const hook = await db.taskWebhook.findUnique({
    where: { id: webhookId },
    select: {
      id: true,
      name: true,
      enabled: true,
      secret: true,
      tenantId: true,
      task: { select: { id: true, name: true, tenant: { select: { slug: true, disabled: true } } } },
    },
  })
  if (!hook || !hook.enabled || hook.task.tenant.disabled) return null
  return {
    id: hook.id,
    label: hook.name || 'Webhook',
    tenantId: hook.tenantId,
    tenantSlug: hook.task.tenant.slug,
    task: { id: hook.task.id, name: hook.task.name },
    secret: decryptSecret(hook.secret),
  }
}

/**
 * Remembers an accepted signature; false when it was accepted before (a replay). Its primary
 * key decides, so two replicas receiving the same call at once accept it once.
 */
export async function rememberSignature(webhookId: string, signature: string): Promise<boolean> {
  await db.webhookSignature.deleteMany({ where: { receivedAt: { lt: new Date(Date.now() - REPLAY_WINDOW_MS) } } })
  try {
    await db.webhookSignature.create({ data: { webhookId, signature } })
    return true
  } catch (error) {
    if ((error as { code?: unknown }).code === 'P2002') return false
    throw error
  }
}

export async function markWebhookUsed(webhookId: string) {
  await db.taskWebhook.updateMany({ where: { id: webhookId }, data: { lastUsedAt: new Date() } })
}

/** The task's steps in order: which indexes take parameters (script steps). */
export async function taskStepKinds(tenantId: string, taskId: string) {
  const steps = await db.taskStep.findMany({
    where: { tenantId, taskId },
    orderBy: { position: 'asc' },
    select: { kind: true },
  })
  return steps.map((s) => s.kind)
}
