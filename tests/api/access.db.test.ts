import { beforeAll, describe, expect, it } from 'vitest'
import { GET as getRun } from '@/app/api/v1/runs/[id]/route'
import { GET as getEvents } from '@/app/api/v1/runs/[id]/events/route'
import { GET as getOutput } from '@/app/api/v1/runs/[id]/targets/[targetRunId]/output/route'
import { GET as listRuns } from '@/app/api/v1/runs/route'
import { GET as getScript } from '@/app/api/v1/scripts/[id]/route'
import { POST as runScript } from '@/app/api/v1/scripts/[id]/runs/route'
import { GET as getTarget } from '@/app/api/v1/targets/[id]/route'
import { GET as listTargets } from '@/app/api/v1/targets/route'
import { GET as getTask } from '@/app/api/v1/tasks/[id]/route'
import { POST as runTask } from '@/app/api/v1/tasks/[id]/runs/route'
import { GET as listTasks } from '@/app/api/v1/tasks/route'
import { revokeApiToken } from '@/lib/api/tokens'
import { db } from '@/lib/db'
import { createTask } from '@/lib/tasks/save'
import { taskSchema } from '@/lib/tasks/schema'
import {
  engineTarget,
  limits,
  memberTenant,
  runRow,
  saveScript,
  scriptStep,
  targetRunRow,
} from '../support/engine-fixtures'
import type { SshHost } from '../support/sshd'
import { call, makeToken } from './helpers'

// Nothing here connects anywhere: a target on a closed port is enough to be listed.
const nowhere = { host: '127.0.0.1', port: 1, username: 'nobody' } as SshHost

async function tenantWithObjects(name: string) {
  const scope = await memberTenant(name)
  const target = await engineTarget(scope, nowhere, 'box')
  const scriptId = await saveScript(scope, 'echo hi\n', { name: 'hello' })
  const task = await createTask(
    scope,
    taskSchema.parse({
      tenant: 'x',
      name: 'Greet',
      type: 'manual',
      steps: [{ kind: 'script', scriptId, parameters: {} }],
      targetIds: [target.id],
    }),
  )
  if (!task.ok) throw new Error(JSON.stringify(task))
  const snapshot = { steps: [scriptStep('echo hi')], targets: [target], limits: limits() }
  const run = await runRow(scope.tenantId, { status: 'succeeded', snapshot: JSON.stringify(snapshot) })
  const targetRun = await targetRunRow(run, 'box')
  return { scope, targetId: target.id, scriptId, taskId: task.id, runId: run.id, targetRunId: targetRun.id }
}

type Objects = Awaited<ReturnType<typeof tenantWithObjects>>
let mine: Objects
let theirs: Objects

beforeAll(async () => {
  mine = await tenantWithObjects('Mine')
  theirs = await tenantWithObjects('Theirs')
})

const UNAUTHORIZED = { error: 'Missing, unknown, expired or revoked API token. Send "Authorization: Bearer <token>".' }

describe(`API tokens and access (${process.env.FANOUT_TEST_DB})`, () => {
  it('refuses a missing, malformed, unknown, expired or revoked token alike, with 401', async () => {
    const expired = await makeToken(mine.scope)
    await db.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const revoked = await makeToken(mine.scope)
    expect(await revokeApiToken(mine.scope, revoked.id)).toMatchObject({ id: revoked.id })
    const answers = await Promise.all([
      call(listTasks, '/tasks'),
      call(listTasks, '/tasks', { headers: { authorization: 'Basic abc' } }),
      call(listTasks, '/tasks', { token: 'fo_not-a-token' }),
      call(listTasks, '/tasks', { token: expired.secret }),
      call(listTasks, '/tasks', { token: revoked.secret }),
    ])
    for (const answer of answers) {
      expect(answer.status).toBe(401)
      expect(await answer.json()).toEqual(UNAUTHORIZED)
    }
    // Another tenant cannot revoke it; the token's secret is stored only as a hash.
    expect(await revokeApiToken(theirs.scope, expired.id)).toBeNull()
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: revoked.id } })
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(row)).not.toContain(revoked.secret)
    expect(revoked.secret.startsWith(row.prefix)).toBe(true)
  })

  it('answers with the token’s tenant only, and records when it was last used (once a minute)', async () => {
    const token = await makeToken(mine.scope)
    const tasks = await call(listTasks, '/tasks', { token: token.secret })
    expect(tasks.status).toBe(200)
    expect((await tasks.json()).items.map((t: { id: string }) => t.id)).toEqual([mine.taskId])
    const targets = await (await call(listTargets, '/targets', { token: token.secret })).json()
    expect(targets.items.map((t: { id: string }) => t.id)).toEqual([mine.targetId])
    expect(JSON.stringify(targets)).not.toMatch(/credential/i)
    const first = (await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt
    expect(first).not.toBeNull()
    await call(listTasks, '/tasks', { token: token.secret })
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toEqual(first)
  })

  it('answers 404 for every id of another tenant, as for an unknown one', async () => {
    const token = await makeToken(mine.scope, 'run')
    const t = token.secret
    const answers = await Promise.all([
      call(getTask, `/tasks/${theirs.taskId}`, { token: t, params: { id: theirs.taskId } }),
      call(runTask, `/tasks/${theirs.taskId}/runs`, { token: t, params: { id: theirs.taskId }, body: {} }),
      call(getRun, `/runs/${theirs.runId}`, { token: t, params: { id: theirs.runId } }),
      call(getEvents, `/runs/${theirs.runId}/events`, { token: t, params: { id: theirs.runId } }),
      call(getOutput, `/runs/${theirs.runId}/targets/${theirs.targetRunId}/output`, {
        token: t,
        params: { id: theirs.runId, targetRunId: theirs.targetRunId },
      }),
      // My run, their target-run.
      call(getOutput, `/runs/${mine.runId}/targets/${theirs.targetRunId}/output`, {
        token: t,
        params: { id: mine.runId, targetRunId: theirs.targetRunId },
      }),
      call(getScript, `/scripts/${theirs.scriptId}`, { token: t, params: { id: theirs.scriptId } }),
      call(runScript, `/scripts/${theirs.scriptId}/runs`, {
        token: t,
        params: { id: theirs.scriptId },
        body: { targetIds: [mine.targetId] },
      }),
      call(getTarget, `/targets/${theirs.targetId}`, { token: t, params: { id: theirs.targetId } }),
      call(getTask, '/tasks/nope', { token: t, params: { id: 'nope' } }),
    ])
    for (const answer of answers) {
      expect(answer.status).toBe(404)
      expect(await answer.json()).toEqual({ error: 'Not found.' })
    }
    expect(await db.run.count({ where: { tenantId: theirs.scope.tenantId } })).toBe(1)
    // My own, for contrast.
    expect((await call(getTask, `/tasks/${mine.taskId}`, { token: t, params: { id: mine.taskId } })).status).toBe(200)
    expect((await call(getRun, `/runs/${mine.runId}`, { token: t, params: { id: mine.runId } })).status).toBe(200)
  })

  it('lets a read token read but not start anything (403, audited)', async () => {
    const token = await makeToken(mine.scope, 'read', 'reader')
    const task = await call(runTask, `/tasks/${mine.taskId}/runs`, {
      token: token.secret,
      params: { id: mine.taskId },
      body: {},
    })
    expect(task.status).toBe(403)
    expect(await task.json()).toEqual({ error: 'This token may not do that: it needs the "run" scope.' })
    const script = await call(runScript, `/scripts/${mine.scriptId}/runs`, {
      token: token.secret,
      params: { id: mine.scriptId },
      body: { targetIds: [mine.targetId] },
    })
    expect(script.status).toBe(403)
    expect(await db.run.count({ where: { tenantId: mine.scope.tenantId, triggeredByType: 'token' } })).toBe(0)
    const denied = await db.auditEvent.findMany({ where: { action: 'auth.denied', actorId: token.id } })
    expect(denied).toHaveLength(2)
    expect(denied[0]).toMatchObject({ actorType: 'token', actorLabel: 'reader', tenantId: mine.scope.tenantId })
  })

  it('names the wrong query parameter with 400', async () => {
    const { secret } = await makeToken(mine.scope)
    const status = await call(listRuns, '/runs?status=bogus&limit=0', { token: secret })
    expect(status.status).toBe(400)
    const body = await status.json()
    expect(body.field).toBe('limit')
    expect(body.issues.map((i: { field: string }) => i.field).sort()).toEqual(['limit', 'status'])
    const cursor = await call(listRuns, '/runs?cursor=garbage', { token: secret })
    expect(await cursor.json()).toEqual({
      error: 'Not a cursor this API gave out.',
      field: 'cursor',
      issues: [{ field: 'cursor', message: 'Not a cursor this API gave out.' }],
    })
    const body2 = await call(runScript, `/scripts/${mine.scriptId}/runs`, {
      token: (await makeToken(mine.scope, 'run')).secret,
      params: { id: mine.scriptId },
      body: { targetIds: 'box', parallelism: 0 },
    })
    expect(body2.status).toBe(400)
    expect((await body2.json()).issues.map((i: { field: string }) => i.field).sort()).toEqual([
      'parallelism',
      'targetIds',
    ])
  })

  it('limits each token to bursts of 20 requests a second: 429 with Retry-After', async () => {
    const busy = await makeToken(mine.scope)
    const calm = await makeToken(mine.scope)
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => call(listTasks, '/tasks', { token: busy.secret })),
    )
    const limited = answers.filter((a) => a.status === 429)
    expect(answers.filter((a) => a.status === 200)).toHaveLength(20)
    expect(limited).toHaveLength(5)
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await limited[0].json()).error).toMatch(/Too many requests/)
    // Another token is not slowed down by it.
    expect((await call(listTasks, '/tasks', { token: calm.secret })).status).toBe(200)
  })
})
