import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { POST } from '@/app/api/hooks/[id]/route'
import { db } from '@/lib/db'
import { runSnapshotSchema } from '@/lib/engine/snapshot'
import { signWebhook } from '@/lib/webhooks/signature'
import { hookRequest, refusals, taskWithWebhook } from './helpers'

const call = (request: Request, id: string) => POST(request, { params: Promise.resolve({ id }) })

async function queuedStep(runId: string) {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } })
  const step = runSnapshotSchema.parse(JSON.parse(run.snapshot)).steps[0]
  if (step.kind !== 'script') throw new Error('script step expected')
  return { run, parameters: Object.fromEntries(step.parameters.map((p) => [p.name, p.value])) }
}

describe(`a signed webhook call (${process.env.FANOUT_TEST_DB})`, () => {
  it('queues a run of the task with the body’s parameters, answers its id and URL, and audits it', async () => {
    const { task, hook } = await taskWithWebhook('GitLab deploy')
    const body = JSON.stringify({ parameters: { GREETING: 'from CI' } })
    const response = await call(hookRequest(hook.id, body, { secret: hook.secret }), hook.id)
    expect(response.status).toBe(201)
    const answer = (await response.json()) as { runId: string; url: string }
    const tenant = await db.tenant.findUniqueOrThrow({ where: { id: task.tenantId } })
    expect(answer.url).toBe(`http://fanout.test/${tenant.slug}/tasks/${task.id}/runs/${answer.runId}`)

    const { run, parameters } = await queuedStep(answer.runId)
    expect(run).toMatchObject({
      status: 'queued',
      taskId: task.id,
      triggeredByType: 'webhook',
      triggeredById: hook.id,
      triggeredByLabel: 'GitLab deploy',
    })
    expect(parameters).toEqual({ GREETING: 'from CI' })
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'run.start', targetId: answer.runId } })
    expect(audit).toMatchObject({ actorType: 'webhook', actorId: hook.id, tenantId: task.tenantId, ip: '203.0.113.9' })
    expect((await db.taskWebhook.findUniqueOrThrow({ where: { id: hook.id } })).lastUsedAt).not.toBeNull()
  })

  it('takes parameters per step index, and an empty body runs with the task’s values', async () => {
    const { hook } = await taskWithWebhook()
    const perStep = JSON.stringify({ parameters: { '0': { GREETING: 'step zero' } } })
    const first = await call(hookRequest(hook.id, perStep, { secret: hook.secret }), hook.id)
    expect(first.status).toBe(201)
    expect((await queuedStep(((await first.json()) as { runId: string }).runId)).parameters).toEqual({
      GREETING: 'step zero',
    })
    const empty = await call(hookRequest(hook.id, '', { secret: hook.secret }), hook.id)
    expect(empty.status).toBe(201)
    expect((await queuedStep(((await empty.json()) as { runId: string }).runId)).parameters).toEqual({
      GREETING: 'hello',
    })
  })

  it('accepts a call signed by the README’s openssl recipe', async () => {
    const { hook } = await taskWithWebhook()
    const body = '{"parameters":{"GREETING":"shell"}}'
    const timestamp = Math.floor(Date.now() / 1000)
    const signature = execFileSync(
      'sh',
      ['-c', `printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //'`],
      { env: { ...process.env, TS: String(timestamp), BODY: body, SECRET: hook.secret }, encoding: 'utf8' },
    ).trim()
    const response = await call(
      hookRequest(hook.id, body, { secret: hook.secret, timestamp, signature: `sha256=${signature}` }),
      hook.id,
    )
    expect(response.status).toBe(201)
  })
})

describe(`refused webhook calls (${process.env.FANOUT_TEST_DB})`, () => {
  it('refuses a bad signature, missing headers, a stale timestamp and a replay with 401, each audited', async () => {
    const { task, hook } = await taskWithWebhook()
    const body = '{}'
    const wrong = await call(hookRequest(hook.id, body, { secret: 'not-the-secret' }), hook.id)
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ error: 'The signature does not match the body and timestamp.' })

    const unsigned = new Request(`http://fanout.test/api/hooks/${hook.id}`, { method: 'POST', body })
    expect((await call(unsigned, hook.id)).status).toBe(401)

    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60
    const stale = await call(hookRequest(hook.id, body, { secret: hook.secret, timestamp: sixMinutesAgo }), hook.id)
    expect(stale.status).toBe(401)

    // Signed for another body: the MAC covers the body.
    const tampered = hookRequest(hook.id, '{"parameters":{"GREETING":"evil"}}', {
      secret: hook.secret,
      signature: signWebhook(hook.secret, Math.floor(Date.now() / 1000), body),
    })
    expect((await call(tampered, hook.id)).status).toBe(401)

    const timestamp = Math.floor(Date.now() / 1000)
    expect((await call(hookRequest(hook.id, body, { secret: hook.secret, timestamp }), hook.id)).status).toBe(201)
    const replay = await call(hookRequest(hook.id, body, { secret: hook.secret, timestamp }), hook.id)
    expect(replay.status).toBe(401)
    expect(((await replay.json()) as { error: string }).error).toMatch(/replay/)

    const events = await refusals(hook.id)
    expect(events.map((e) => JSON.parse(e.detail!).reason)).toEqual([
      'bad_signature',
      'missing_headers',
      'stale_timestamp',
      'bad_signature',
      'replay',
    ])
    for (const e of events) {
      expect(e).toMatchObject({ actorType: 'webhook', tenantId: task.tenantId, targetId: task.id })
      expect(e.detail).not.toContain(hook.secret)
    }
    expect(await db.run.count({ where: { taskId: task.id } })).toBe(1)
  })

  it('answers 404 for an unknown id, a disabled webhook, a deleted one and a disabled tenant', async () => {
    const { task, hook } = await taskWithWebhook()
    const body = '{}'
    expect((await call(hookRequest('nope', body, { secret: hook.secret }), 'nope')).status).toBe(404)

    await db.taskWebhook.update({ where: { id: hook.id }, data: { enabled: false } })
    expect((await call(hookRequest(hook.id, body, { secret: hook.secret }), hook.id)).status).toBe(404)
    await db.taskWebhook.update({ where: { id: hook.id }, data: { enabled: true } })

    await db.tenant.update({ where: { id: task.tenantId }, data: { disabled: true } })
    expect((await call(hookRequest(hook.id, body, { secret: hook.secret }), hook.id)).status).toBe(404)
    await db.tenant.update({ where: { id: task.tenantId }, data: { disabled: false } })

    await db.taskWebhook.delete({ where: { id: hook.id } })
    expect((await call(hookRequest(hook.id, body, { secret: hook.secret }), hook.id)).status).toBe(404)
    expect(await db.run.count({ where: { taskId: task.id } })).toBe(0)
  })

  it('answers 400 naming a bad parameter or malformed JSON, and 413 for a body over 64 KiB', async () => {
    const { task, hook } = await taskWithWebhook()
    const send = (body: string) => call(hookRequest(hook.id, body, { secret: hook.secret }), hook.id)

    const unknown = await send(JSON.stringify({ parameters: { NOPE: 'x' } }))
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toEqual({
      error: 'Parameter NOPE (step 0): This script has no parameter NOPE.',
      field: 'parameters.0.NOPE',
    })
    const noStep = await send(JSON.stringify({ parameters: { '3': { GREETING: 'x' } } }))
    expect(noStep.status).toBe(400)
    expect(((await noStep.json()) as { error: string }).error).toMatch(/no step 4/)
    const badShape = await send(JSON.stringify({ parameters: { GREETING: ['a'] } }))
    expect(badShape.status).toBe(400)
    expect(((await badShape.json()) as { field: string }).field).toBe('parameters')
    const typo = await send(JSON.stringify({ params: { GREETING: 'x' } }))
    expect(typo.status).toBe(400)
    expect(((await typo.json()) as { error: string }).error).toMatch(/params/)

    const malformed = await send('{"parameters": ')
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toEqual({ error: 'The body is not valid JSON.' })

    const huge = await send(JSON.stringify({ parameters: { GREETING: 'x'.repeat(65 * 1024) } }))
    expect(huge.status).toBe(413)
    expect(await db.run.count({ where: { taskId: task.id } })).toBe(0)
  })
})
