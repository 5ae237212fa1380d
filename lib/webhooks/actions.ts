'use server'
import { headers } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { tenantClient, UserError } from '@/lib/action'
import { createWebhook, deleteWebhook, findWebhook, rotateWebhookSecret, setWebhookEnabled } from './queries'
import { createWebhookSchema, setWebhookEnabledSchema, webhookIdSchema } from './schema'
import { publicOrigin } from '@/lib/public-url'
import { hookUrl } from './url'

// A task's webhooks start runs without a user: changing them is a tenant admin's (tasks.write).
// The secret is answered once, by create and rotate, and never read back.

const taskPath = (slug: string, taskId: string) => `/${slug}/tasks/${taskId}`

async function webhookOrThrow(scope: Parameters<typeof findWebhook>[0], webhookId: string) {
  const hook = await findWebhook(scope, webhookId)
  if (!hook) throw new UserError('Not found.')
  return hook
}

export const createWebhookAction = tenantClient
  .metadata({ permission: 'tasks.write', audit: 'webhook.create' })
  .inputSchema(createWebhookSchema)
  .action(async ({ parsedInput: { tenant, taskId, name }, ctx }) => {
    const created = await createWebhook(ctx.scope, taskId, name)
    if (!created) throw new UserError('Not found.')
    ctx.audit.target({ type: 'webhook', id: created.id, label: name || 'Webhook' }, { taskId })
    revalidatePath(taskPath(tenant, taskId))
    return { id: created.id, url: hookUrl(publicOrigin(await headers()), created.id), secret: created.secret }
  })

export const rotateWebhookSecretAction = tenantClient
  .metadata({ permission: 'tasks.write', audit: 'webhook.rotate' })
  .inputSchema(webhookIdSchema)
  .action(async ({ parsedInput: { tenant, webhookId }, ctx }) => {
    const hook = await webhookOrThrow(ctx.scope, webhookId)
    const secret = await rotateWebhookSecret(ctx.scope, webhookId)
    if (!secret) throw new UserError('Not found.')
    ctx.audit.target({ type: 'webhook', id: webhookId, label: hook.name || 'Webhook' }, { taskId: hook.taskId })
    revalidatePath(taskPath(tenant, hook.taskId))
    return { id: webhookId, url: hookUrl(publicOrigin(await headers()), webhookId), secret }
  })

export const setWebhookEnabledAction = tenantClient
  .metadata({ permission: 'tasks.write', audit: 'webhook.update' })
  .inputSchema(setWebhookEnabledSchema)
  .action(async ({ parsedInput: { tenant, webhookId, enabled }, ctx }) => {
    const hook = await webhookOrThrow(ctx.scope, webhookId)
    await setWebhookEnabled(ctx.scope, webhookId, enabled)
    ctx.audit.target(
      { type: 'webhook', id: webhookId, label: hook.name || 'Webhook' },
      { taskId: hook.taskId, enabled },
    )
    revalidatePath(taskPath(tenant, hook.taskId))
    return { id: webhookId, enabled }
  })

export const deleteWebhookAction = tenantClient
  .metadata({ permission: 'tasks.write', audit: 'webhook.delete' })
  .inputSchema(webhookIdSchema)
  .action(async ({ parsedInput: { tenant, webhookId }, ctx }) => {
    const hook = await webhookOrThrow(ctx.scope, webhookId)
    await deleteWebhook(ctx.scope, webhookId)
    ctx.audit.target({ type: 'webhook', id: webhookId, label: hook.name || 'Webhook' }, { taskId: hook.taskId })
    revalidatePath(taskPath(tenant, hook.taskId))
    return { id: webhookId }
  })
