import { beforeAll, describe, expect, it } from 'vitest'
import { POST as confirm } from '@/app/api/v1/runs/[id]/confirm/route'
import { GET as getRun } from '@/app/api/v1/runs/[id]/route'
import { GET as getTask } from '@/app/api/v1/tasks/[id]/route'
import { db } from '@/lib/db'
import { rolloutSchema } from '@/lib/engine/rollout'
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

// No engine here: a run paused at a confirmation is rows, as an engine leaves them (a
// waiting run, the canary's target-run done, the next batch's queued, a waiting gate).
const nowhere = { host: '127.0.0.1', port: 1, username: 'nobody' } as SshHost
const rollout = rolloutSchema.parse({
  mode: 'run',
  canary: { value: 1, unit: 'hosts' },
  batch: { value: 100, unit: 'percent' },
  between: 'confirm',
})

type Scope = Awaited<ReturnType<typeof memberTenant>>
let mine: Scope
let theirs: Scope

async function waitingRun(scope: Scope) {
  const targets = await Promise.all(['a', 'b', 'c'].map((n) => engineTarget(scope, nowhere, `${n}-${Math.random()}`)))
  const snapshot = { steps: [scriptStep('echo hi')], targets, limits: limits(), rollout }
  const run = await runRow(scope.tenantId, {
    status: 'waiting',
    snapshot: JSON.stringify(snapshot),
    startedAt: new Date(),
  })
  const at = new Date()
  await targetRunRow(run, targets[0].name, { batch: 1, status: 'succeeded', startedAt: at, finishedAt: at })
  for (const t of targets.slice(1)) await targetRunRow(run, t.name, { batch: 2 })
  await db.runGate.create({
    data: {
      runId: run.id,
      tenantId: scope.tenantId,
      key: 'batch:2',
      stepIndex: 0,
      batch: 2,
      message: 'The canary finished: continue with batch 2 of 2 (2 hosts)?',
      timeoutAt: new Date(Date.now() + 3_600_000),
    },
  })
  return run.id
}

const post = (token: string, runId: string, body: unknown) =>
  call(confirm, `/runs/${runId}/confirm`, { token, params: { id: runId }, body })

beforeAll(async () => {
  mine = await memberTenant('Confirm mine')
  theirs = await memberTenant('Confirm theirs')
})

describe(`confirmations and rollouts through the API (${process.env.FANOUT_TEST_DB})`, () => {
  it('shows a waiting run’s gate, batches and rollout; continue queues it, recorded and audited as the token’s', async () => {
    const runId = await waitingRun(mine)
    const token = await makeToken(mine, 'run', 'Release bot')
    const before = await (await call(getRun, `/runs/${runId}`, { token: token.secret, params: { id: runId } })).json()
    expect(before).toMatchObject({
      status: 'waiting',
      rollout: { mode: 'run', canary: { value: 1, unit: 'hosts' }, between: 'confirm' },
      gates: [{ key: 'batch:2', batch: 2, status: 'waiting', decidedBy: null, comment: null }],
    })
    expect(before.gates[0].timeoutAt).toMatch(/Z$/)
    expect(before.targetRuns.map((t: { batch: number }) => t.batch).sort()).toEqual([1, 2, 2])

    const answer = await post(token.secret, runId, { decision: 'continue', comment: '  canary looks fine ' })
    expect(answer.status).toBe(200)
    const run = await answer.json()
    expect(run).toMatchObject({ id: runId, status: 'queued' })
    expect(run.gates[0]).toMatchObject({
      status: 'continued',
      decidedBy: { type: 'token', label: 'Release bot' },
      comment: 'canary looks fine',
    })
    expect(run.gates[0].decidedAt).not.toBeNull()
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'run.confirm', targetId: runId } })
    expect(audit).toMatchObject({ tenantId: mine.tenantId, actorType: 'token', actorLabel: 'Release bot' })
    expect(JSON.parse(audit.detail!)).toEqual({ decision: 'continue', comment: 'canary looks fine' })

    // Decided once: the same call again finds nothing waiting.
    const again = await post(token.secret, runId, { decision: 'abort' })
    expect(again.status).toBe(409)
    expect(await again.json()).toEqual({ error: 'The run is not waiting for a confirmation.' })
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('queued')
  })

  it('aborts a waiting run: cancelled with the targets it had not reached, the reason naming who', async () => {
    const runId = await waitingRun(mine)
    const token = await makeToken(mine, 'run', 'Release bot')
    const answer = await post(token.secret, runId, { decision: 'abort', comment: 'errors in the canary' })
    expect(answer.status).toBe(200)
    const run = await answer.json()
    expect(run).toMatchObject({
      status: 'cancelled',
      error: 'Aborted at a confirmation by Release bot: errors in the canary',
      gates: [
        { status: 'aborted', decidedBy: { type: 'token', label: 'Release bot' }, comment: 'errors in the canary' },
      ],
    })
    expect(run.targetRuns.map((t: { status: string }) => t.status).sort()).toEqual([
      'cancelled',
      'cancelled',
      'succeeded',
    ])
    expect(run.finishedAt).not.toBeNull()
  })

  it('answers 409 for a run not waiting, 404 for another tenant’s or an unknown one', async () => {
    const token = await makeToken(mine, 'run')
    const done = await runRow(mine.tenantId, {
      status: 'succeeded',
      snapshot: JSON.stringify({ steps: [scriptStep('echo hi')], targets: [], limits: limits() }),
    })
    const finished = await post(token.secret, done.id, { decision: 'continue' })
    expect(finished.status).toBe(409)

    const theirRun = await waitingRun(theirs)
    for (const id of [theirRun, 'no-such-run']) {
      const answer = await post(token.secret, id, { decision: 'continue' })
      expect(answer.status).toBe(404)
      expect(await answer.json()).toEqual({ error: 'Not found.' })
    }
    expect(await db.runGate.findFirstOrThrow({ where: { runId: theirRun } })).toMatchObject({ status: 'waiting' })
    expect((await db.run.findUniqueOrThrow({ where: { id: theirRun } })).status).toBe('waiting')
  })

  it('refuses a read-only token (403, audited) and a wrong decision (400), leaving the run waiting', async () => {
    const runId = await waitingRun(mine)
    const reader = await makeToken(mine, 'read', 'reader')
    const denied = await post(reader.secret, runId, { decision: 'continue' })
    expect(denied.status).toBe(403)
    expect(await denied.json()).toEqual({ error: 'This token may not do that: it needs the "run" scope.' })
    expect(await db.auditEvent.count({ where: { action: 'auth.denied', actorId: reader.id } })).toBe(1)

    const token = await makeToken(mine, 'run')
    const wrong = await post(token.secret, runId, { decision: 'maybe' })
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ field: 'decision', error: 'Choose continue or abort.' })
    const long = await post(token.secret, runId, { decision: 'continue', comment: 'x'.repeat(2001) })
    expect(await long.json()).toMatchObject({ field: 'comment', error: 'At most 2000 characters.' })
    const gate = await db.runGate.findFirstOrThrow({ where: { runId } })
    expect(gate).toMatchObject({ status: 'waiting', decidedAt: null })
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('waiting')
  })

  it('reads a task’s confirmation steps, step hosts and rollout', async () => {
    const target = await engineTarget(mine, nowhere, `t-${Math.random()}`)
    const scriptId = await saveScript(mine, 'echo hi\n')
    const task = await createTask(
      mine,
      taskSchema.parse({
        tenant: 'x',
        name: `Careful ${Math.random()}`,
        type: 'manual',
        steps: [
          { kind: 'script', scriptId },
          { kind: 'confirm', name: 'Approve', confirmation: { message: 'Look first.', timeoutMinutes: 30 } },
          { kind: 'script', scriptId, hosts: 'prev_succeeded' },
        ],
        targetIds: [target.id],
        rollout,
      }),
    )
    if (!task.ok) throw new Error(JSON.stringify(task))
    const token = await makeToken(mine)
    const answer = await call(getTask, `/tasks/${task.id}`, { token: token.secret, params: { id: task.id } })
    expect(answer.status).toBe(200)
    const view = await answer.json()
    expect(view.steps).toMatchObject([
      { kind: 'script', hosts: 'all', runAs: null },
      {
        kind: 'confirm',
        name: 'Approve',
        confirmation: { message: 'Look first.', roles: ['admin'], userIds: [], channelIds: [], timeoutMinutes: 30 },
      },
      { kind: 'script', hosts: 'prev_succeeded', runAs: null },
    ])
    expect(view.rollout).toEqual(rollout)
  })
})
