// A task with one script step (parameter GREETING) and a webhook, as the app saves them.
// Its target's address is never dialled: no engine runs, a queued Run row is the evidence.
import { db } from '@/lib/db'
import { createWebhook } from '@/lib/webhooks/queries'
import { signWebhook } from '@/lib/webhooks/signature'
import { engineTarget, memberTenant, param, saveScript } from '../support/engine-fixtures'
import type { SshHost } from '../support/sshd'

const nowhere = { host: '127.0.0.1', port: 1, username: 'nobody' } as SshHost

export async function taskWithWebhook(name = 'CI') {
  const scope = await memberTenant('Webhooks')
  const target = await engineTarget(scope, nowhere, 'web-1')
  const scriptId = await saveScript(scope, 'echo "$GREETING"', {
    parameters: [param({ name: 'GREETING', default: 'hello' })],
  })
  const task = await db.task.create({
    data: {
      tenantId: scope.tenantId,
      name: `deploy-${Math.random().toString(36).slice(2)}`,
      type: 'manual',
      parallelism: 1,
      timeoutSeconds: 60,
      steps: { create: [{ tenantId: scope.tenantId, position: 0, kind: 'script', scriptId }] },
      targets: { create: [{ tenantId: scope.tenantId, targetId: target.id }] },
    },
  })
  const hook = (await createWebhook(scope, task.id, name))!
  return { scope, task, hook }
}

/** A POST to the webhook, signed with `secret` at `timestamp` unless told otherwise. */
export function hookRequest(
  id: string,
  body: string,
  {
    secret,
    timestamp = Math.floor(Date.now() / 1000),
    signature,
  }: { secret: string; timestamp?: number; signature?: string },
) {
  return new Request(`http://fanout.test/api/hooks/${id}`, {
    method: 'POST',
    headers: {
      host: 'fanout.test',
      'content-type': 'application/json',
      'x-fanout-timestamp': String(timestamp),
      'x-fanout-signature': signature ?? signWebhook(secret, timestamp, body),
      'x-forwarded-for': '203.0.113.9',
    },
    body,
  })
}

export const refusals = (webhookId: string) =>
  db.auditEvent.findMany({ where: { action: 'webhook.refused', actorId: webhookId }, orderBy: { createdAt: 'asc' } })
