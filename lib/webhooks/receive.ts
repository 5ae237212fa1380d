import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import { runPath } from '@/lib/runs/paths'
import { clientIp } from '@/lib/request-ip'
import { queueTaskRun } from '@/lib/tasks/queue'
import { markWebhookUsed, rememberSignature, taskStepKinds, webhookForCall } from './queries'
import { hookBodySchema } from './schema'
import { checkSignature, refusalMessages } from './signature'
import { publicOrigin } from '@/lib/public-url'

export const MAX_BODY_BYTES = 64 * 1024

type Hook = NonNullable<Awaited<ReturnType<typeof webhookForCall>>>

const answer = (status: number, error: string, field?: string) =>
  Response.json(field ? { error, field } : { error }, { status })

/** The body, or null when it is larger than MAX_BODY_BYTES (read no further than that). */
async function readBody(request: Request): Promise<Buffer | null> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return null
  if (!request.body) return Buffer.alloc(0)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > MAX_BODY_BYTES) return null
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks)
}

/** Step indexes that do not name a script step of the task (a file step takes no parameters). */
async function badStep(hook: Hook, overrides: Record<string, Record<string, string>>) {
  const kinds = await taskStepKinds(hook.tenantId, hook.task.id)
  const index = Object.keys(overrides).find((i) => kinds[Number(i)] !== 'script')
  if (index === undefined) return null
  return kinds[Number(index)] === 'file'
    ? `Step ${Number(index) + 1} uploads files and takes no parameters.`
    : `The task has no step ${Number(index) + 1} (steps are numbered from 0 here).`
}

/**
 * POST /api/hooks/<id>: checks the signature (README "Webhooks"), then queues a run of the
 * webhook's task with the body's parameter values and answers 201 { runId, url }.
 * Unknown, disabled or of a disabled tenant: 404. Unsigned, stale or replayed: 401, audited.
 */
export async function receiveHook(request: Request, webhookId: string): Promise<Response> {
  const hook = await webhookForCall(webhookId)
  if (!hook) return answer(404, 'Not found.')
  const body = await readBody(request)
  if (!body) return answer(413, `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`)
  const actor = { type: 'webhook' as const, id: hook.id, label: hook.label }
  const audit = { actor, tenantId: hook.tenantId, ip: clientIp(request.headers) }
  const taskTarget = { type: 'task', id: hook.task.id, label: hook.task.name }

  const checked = checkSignature(hook.secret, request.headers, body)
  const reason = !checked.ok ? checked.reason : (await rememberSignature(hook.id, checked.signature)) ? null : 'replay'
  if (reason) {
    await recordAudit({ ...audit, action: 'webhook.refused', target: taskTarget, detail: { reason } })
    return answer(401, refusalMessages[reason])
  }

  let json: unknown = {}
  if (body.length > 0) {
    try {
      json = JSON.parse(body.toString('utf8'))
    } catch {
      return answer(400, 'The body is not valid JSON.')
    }
  }
  const parsed = hookBodySchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue.path.join('.') || 'body'
    return answer(400, `${field}: ${issue.message}`, field)
  }
  const overrides = parsed.data.parameters
  const stepError = await badStep(hook, overrides)
  if (stepError) return answer(400, stepError, 'parameters')

  const queued = await queueTaskRun(
    { tenantId: hook.tenantId },
    hook.task.id,
    { type: 'webhook', id: hook.id, label: hook.label },
    overrides,
  )
  if (!queued.ok) {
    if ('error' in queued) return answer(409, queued.error)
    // Keyed "<step index>.<name>": the first is enough to fix the call.
    const [path, message] = Object.entries(queued.fields.parameters ?? {})[0] ?? []
    if (!path) return answer(409, queued.fields.targets ?? 'The task cannot run.')
    const [step, name] = [path.slice(0, path.indexOf('.')), path.slice(path.indexOf('.') + 1)]
    return answer(400, `Parameter ${name} (step ${step}): ${message}`, `parameters.${path}`)
  }
  await markWebhookUsed(hook.id)
  await recordAudit({
    ...audit,
    action: 'run.start',
    target: { type: 'run', id: queued.runId, label: queued.runId },
    detail: { taskId: hook.task.id, targets: queued.targets, webhook: hook.id },
  })
  const url = `${publicOrigin(request.headers)}${runPath(hook.tenantSlug, { id: queued.runId, taskId: hook.task.id })}`
  return Response.json({ runId: queued.runId, url }, { status: 201 })
}
