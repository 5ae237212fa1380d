import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET as getRun } from '@/app/api/v1/runs/[id]/route'
import { GET as getEvents } from '@/app/api/v1/runs/[id]/events/route'
import { GET as getOutput } from '@/app/api/v1/runs/[id]/targets/[targetRunId]/output/route'
import { GET as listRuns } from '@/app/api/v1/runs/route'
import { POST as runScript } from '@/app/api/v1/scripts/[id]/runs/route'
import { POST as runTask } from '@/app/api/v1/tasks/[id]/runs/route'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { createTask } from '@/lib/tasks/save'
import { taskSchema } from '@/lib/tasks/schema'
import { engineTarget, memberTenant, param, saveScript, waitForRun } from '../support/engine-fixtures'
import { outputText, readEvents } from '../support/sse'
import { type SshHost, startSshd } from '../support/sshd'
import { call, makeToken } from './helpers'

let host: SshHost
let engine: ReturnType<typeof startEngine>
let scope: Awaited<ReturnType<typeof memberTenant>>
let web1: { id: string }
let scriptId: string
let taskId: string

const greet =
  'echo "héllo $FANOUT_PARAM_WHO on $FANOUT_TARGET_NAME"\n' +
  'i=0; while [ $i -lt "$FANOUT_PARAM_COUNT" ]; do echo "line $i ✓"; i=$((i+1)); done\necho warn >&2\n'

beforeAll(async () => {
  host = await startSshd()
  scope = await memberTenant('Api runs', host)
  web1 = await engineTarget(scope, host, 'web-1', { labels: ['web'] })
  await engineTarget(scope, host, 'web-2', { labels: ['web'] })
  scriptId = await saveScript(scope, greet, {
    name: 'greet',
    parameters: [param({ name: 'WHO', required: true }), param({ name: 'COUNT', type: 'number', default: '1' })],
  })
  const task = await createTask(
    scope,
    taskSchema.parse({
      tenant: 'x',
      name: 'Greet the web',
      type: 'manual',
      steps: [{ kind: 'script', scriptId, parameters: { WHO: 'world' } }],
      labels: ['web'],
    }),
  )
  if (!task.ok) throw new Error(JSON.stringify(task))
  taskId = task.id
  engine = startEngine({ leaseMs: 5_000, maxSsh: 10, outputCap: 1 << 20, pollMs: 100 })
})

afterAll(async () => {
  await engine?.stop()
  await host?.stop()
})

const trigger = (token: string, body: unknown) =>
  call(runTask, `/tasks/${taskId}/runs`, { token, params: { id: taskId }, body })

describe(`runs through the API (${process.env.FANOUT_TEST_DB})`, () => {
  it('refuses a bad parameter or a target the task does not have, naming each', async () => {
    const { secret } = await makeToken(scope, 'run')
    const answer = await trigger(secret, { parameters: { 0: { COUNT: 'many' } } })
    expect(answer.status).toBe(400)
    const count = { field: 'parameters.0.COUNT', message: 'Enter a number, e.g. 10 or 2.5.' }
    expect(await answer.json()).toEqual({ error: count.message, field: count.field, issues: [count] })
    const both = await (await trigger(secret, { parameters: { 0: { COUNT: 'many', NOPE: 'x' } } })).json()
    expect(both.issues).toEqual([{ field: 'parameters.0.NOPE', message: 'This script has no parameter NOPE.' }, count])
    const foreign = await trigger(secret, { targetIds: [web1.id, 'not-a-target'] })
    expect(await foreign.json()).toMatchObject({
      field: 'targetIds',
      error: '1 of the chosen targets are not targets of this task.',
    })
    expect(await db.run.count({ where: { taskId } })).toBe(0)
  })

  it('runs a task on a subset of its targets: queued as the token’s, audited, readable with per-target results', async () => {
    const token = await makeToken(scope, 'run', 'CI deploys')
    const answer = await trigger(token.secret, { parameters: { 0: { WHO: 'api', COUNT: '3' } }, targetIds: [web1.id] })
    expect(answer.status).toBe(201)
    const { runId, url } = await answer.json()
    const slug = (await db.tenant.findUniqueOrThrow({ where: { id: scope.tenantId } })).slug
    expect(url).toBe(`http://fanout.test/${slug}/tasks/${taskId}/runs/${runId}`)
    const row = await db.run.findUniqueOrThrow({ where: { id: runId } })
    expect(row).toMatchObject({
      taskId,
      triggeredByType: 'token',
      triggeredById: token.id,
      triggeredByLabel: 'CI deploys',
    })
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'run.start', targetId: runId } })
    expect(audit).toMatchObject({
      actorType: 'token',
      actorId: token.id,
      actorLabel: 'CI deploys',
      tenantId: scope.tenantId,
    })
    await waitForRun(runId)

    const run = await (await call(getRun, `/runs/${runId}`, { token: token.secret, params: { id: runId } })).json()
    expect(run).toMatchObject({ id: runId, status: 'succeeded', triggeredBy: { type: 'token', label: 'CI deploys' } })
    expect(run.startedAt).toBeTruthy()
    expect(run.targetRuns).toEqual([
      expect.objectContaining({ targetName: 'web-1', status: 'succeeded', exitCode: 0, error: null }),
    ])
    expect(run.steps[0].parameters).toEqual([
      { name: 'WHO', value: 'api' },
      { name: 'COUNT', value: '3' },
    ])
  })

  it('serves a target-run’s output in slices that never split a character', async () => {
    const { secret } = await makeToken(scope, 'run')
    const { runId } = await (await trigger(secret, { parameters: { 0: { COUNT: '3' } }, targetIds: [web1.id] })).json()
    await waitForRun(runId)
    const [targetRun] = await db.targetRun.findMany({ where: { runId } })
    const read = (query: string) =>
      call(getOutput, `/runs/${runId}/targets/${targetRun.id}/output?${query}`, {
        token: secret,
        params: { id: runId, targetRunId: targetRun.id },
      })
    const whole = 'héllo world on web-1\nline 0 ✓\nline 1 ✓\nline 2 ✓\n'
    const chunks: Buffer[] = []
    for (let offset = 0; offset < Buffer.byteLength(whole);) {
      const slice = await read(`offset=${offset}&limit=13`)
      expect(slice.headers.get('content-type')).toBe('text/plain; charset=utf-8')
      expect(slice.headers.get('x-total-length')).toBe(String(Buffer.byteLength(whole)))
      expect(slice.headers.get('x-output-complete')).toBe('true')
      const bytes = Buffer.from(await slice.arrayBuffer())
      expect(bytes.toString('utf8')).not.toContain('\uFFFD')
      chunks.push(bytes)
      offset = Number(slice.headers.get('x-next-offset'))
    }
    expect(Buffer.concat(chunks).toString('utf8')).toBe(whole)
    // "é" is bytes 1–2: a 2-byte slice from 0 stops before it; a 1-byte one from 1 sends it whole.
    const short = await read('offset=0&limit=2')
    expect([await short.text(), short.headers.get('x-next-offset')]).toEqual(['h', '1'])
    expect(await (await read('offset=1&limit=1')).text()).toBe('é')
    expect(await (await read('stream=stderr')).text()).toBe('warn\n')
    expect((await read('stream=both')).status).toBe(400)
  })

  it('streams a run’s events while it runs, and ends with it', async () => {
    const { secret } = await makeToken(scope, 'run')
    const started = await call(runScript, `/scripts/${scriptId}/runs`, {
      token: secret,
      params: { id: scriptId },
      body: { targetIds: [web1.id], parameters: { WHO: 'sse', COUNT: '2' } },
    })
    expect(started.status).toBe(201)
    const { runId, url } = await started.json()
    expect(url).toMatch(new RegExp(`/runs/${runId}$`))
    let targetRunId: string | undefined
    while (!targetRunId) {
      await new Promise((r) => setTimeout(r, 50))
      targetRunId = (await db.targetRun.findFirst({ where: { runId } }))?.id
    }
    const answer = await call(getEvents, `/runs/${runId}/events?targetRun=${targetRunId}`, {
      token: secret,
      params: { id: runId },
    })
    expect(answer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const events = await readEvents(answer.body!)
    expect(events[0].event).toBe('run')
    expect(outputText(events, 'stdout')).toBe('héllo sse on web-1\nline 0 ✓\nline 1 ✓\n')
    expect(events.at(-1)).toEqual({ event: 'end', id: undefined, data: { status: 'succeeded' } })
  })

  it('lists runs newest first with the UI’s filters, a page at a time, unshifted by runs queued meanwhile', async () => {
    const starter = await makeToken(scope, 'run')
    const reader = await makeToken(scope, 'read')
    const echo = await saveScript(scope, 'echo hi\n', { name: 'echo' })
    const start = async () => {
      const answer = await call(runScript, `/scripts/${echo}/runs`, {
        token: starter.secret,
        params: { id: echo },
        body: { labels: ['web'] },
      })
      return (await answer.json()).runId as string
    }
    const first = [await start(), await start(), await start(), await start(), await start()]
    const list = async (query: string) => {
      const answer = await call(listRuns, `/runs?${query}`, { token: reader.secret })
      expect(answer.status).toBe(200)
      return (await answer.json()) as { items: { id: string; status: string }[]; nextCursor: string | null }
    }
    const page1 = await list(`scriptId=${echo}&limit=2`)
    const later = await start()
    const page2 = await list(`cursor=${page1.nextCursor}`)
    const page3 = await list(`cursor=${page2.nextCursor}`)
    expect([page1, page2, page3].map((p) => p.items.length)).toEqual([2, 2, 1])
    expect(page3.nextCursor).toBeNull()
    const newestFirst = await db.run.findMany({
      where: { id: { in: first } },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      select: { id: true },
    })
    expect([...page1.items, ...page2.items, ...page3.items].map((r) => r.id)).toEqual(newestFirst.map((r) => r.id))

    for (const id of [...first, later]) await waitForRun(id)
    expect((await list(`scriptId=${echo}&status=succeeded&limit=100`)).items).toHaveLength(6)
    expect((await list(`scriptId=${echo}&status=failed`)).items).toEqual([])
    expect((await list(`q=${first[2]}`)).items.map((r) => r.id)).toEqual([first[2]])
    const byToken = await list(`taskId=${taskId}&by=token&limit=100`)
    expect(byToken.items.length).toBeGreaterThan(0)
    expect(byToken.items.every((r) => r.id && !first.includes(r.id))).toBe(true)
    const today = new Date().toISOString().slice(0, 10)
    expect((await list(`scriptId=${echo}&from=${today}&to=${today}&limit=100`)).items).toHaveLength(6)
    expect((await list(`scriptId=${echo}&to=2020-01-01`)).items).toEqual([])
  })
})
