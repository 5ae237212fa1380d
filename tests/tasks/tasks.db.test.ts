import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decryptSecret } from '@/lib/crypto/envelope'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { readTargetRunOutput } from '@/lib/engine/output'
import { runSnapshotSchema } from '@/lib/engine/snapshot'
import { storeFile } from '@/lib/files/store'
import { deleteScript } from '@/lib/scripts/queries'
import { getTask } from '@/lib/tasks/queries'
import { queueTaskRun } from '@/lib/tasks/queue'
import { createTask, updateTask } from '@/lib/tasks/save'
import { taskSchema } from '@/lib/tasks/schema'
import { tasksUsingTarget } from '@/lib/targets/queries'
import { engineTarget, memberTenant, param, saveScript, waitForRun } from '../support/engine-fixtures'
import { type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let engine: ReturnType<typeof startEngine>
beforeAll(async () => {
  host = await startSshd()
  engine = startEngine({ leaseMs: 5_000, maxSsh: 20, outputCap: 1 << 20, pollMs: 200 })
})
afterAll(async () => {
  await engine?.stop()
  await host?.stop()
})

async function tenant() {
  const scope = await memberTenant('Tasks', host)
  const target = await engineTarget(scope, host, 'box', { labels: ['web'] })
  const scriptId = await saveScript(scope, 'echo "hello $1 token=${#FANOUT_PARAM_TOKEN}"\n', {
    name: 'greet',
    parameters: [param({ name: 'WHO', required: true }), param({ name: 'TOKEN', type: 'secret' })],
  })
  return { scope, targetId: target.id, scriptId }
}

type Setup = Awaited<ReturnType<typeof tenant>>

function input(s: Setup, overrides: Record<string, unknown> = {}) {
  return taskSchema.parse({
    tenant: 'x',
    name: 'Nightly greet',
    type: 'cron',
    cron: '0 3 * * *',
    timezone: 'Europe/Paris',
    steps: [{ kind: 'script', scriptId: s.scriptId, parameters: { WHO: 'world', TOKEN: 'sekrit-1' } }],
    targetIds: [s.targetId],
    ...overrides,
  })
}

describe(`tasks (${process.env.FANOUT_TEST_DB})`, () => {
  it('stores a task with its secret sealed, keeps it on an edit that leaves it empty, and shows it masked', async () => {
    const s = await tenant()
    const created = await createTask(s.scope, input(s))
    if (!created.ok) throw new Error(JSON.stringify(created))
    const task = await db.task.findUniqueOrThrow({ where: { id: created.id }, include: { steps: true } })
    expect(task.nextRunAt!.getTime()).toBeGreaterThan(Date.now())
    expect(task.steps[0].parameters).not.toContain('sekrit-1')
    const sealed = JSON.parse(task.steps[0].parameters).TOKEN
    expect(decryptSecret(sealed)).toBe('sekrit-1')

    const kept = await updateTask(
      s.scope,
      created.id,
      input(s, { steps: [{ kind: 'script', scriptId: s.scriptId, parameters: { WHO: 'again', TOKEN: '' } }] }),
    )
    expect(kept).toEqual({ ok: true, id: created.id })
    const view = await getTask(s.scope, created.id)
    const step = view!.steps[0]
    if (step.kind !== 'script') throw new Error('script step expected')
    expect(step.parameters.map((p) => [p.name, p.value])).toEqual([
      ['WHO', 'again'],
      ['TOKEN', '******'],
    ])
    const after = await db.taskStep.findFirstOrThrow({ where: { taskId: created.id } })
    expect(JSON.parse(after.parameters).TOKEN).toBe(sealed)
  })

  it('names every wrong field: a required parameter, a foreign target, a taken name, a bad cron', async () => {
    const s = await tenant()
    const other = await tenant()
    expect((await createTask(s.scope, input(s))).ok).toBe(true)
    const result = await createTask(
      s.scope,
      input(s, {
        steps: [{ kind: 'script', scriptId: s.scriptId, parameters: {} }],
        targetIds: [other.targetId],
      }),
    )
    expect(result).toEqual({
      ok: false,
      errors: {
        'steps.0.parameters.WHO': 'Required.',
        targetIds: 'Some chosen targets no longer exist. Choose again.',
        name: 'Another task has this name.',
      },
    })
    const foreignScript = await createTask(
      s.scope,
      input(s, { name: 'x', steps: [{ kind: 'script', scriptId: other.scriptId, parameters: {} }] }),
    )
    expect(foreignScript).toEqual({ ok: false, errors: { 'steps.0.scriptId': 'Choose a script.' } })
    const cron = taskSchema.safeParse({ ...input(s), cron: '61 * * * *' })
    expect(cron.success).toBe(false)
    expect(cron.error!.issues[0].path).toEqual(['cron'])
  })

  it('runs now with an override on top of the stored values; the task follows its run to "succeeded"', async () => {
    const s = await tenant()
    const created = await createTask(s.scope, input(s, { type: 'manual', labels: ['web'], targetIds: [] }))
    if (!created.ok) throw new Error('not created')
    const other = await tenant()
    expect(await queueTaskRun(other.scope, created.id, { type: 'user', id: null, label: 'x' })).toEqual({
      ok: false,
      error: 'Not found.',
    })
    const queued = await queueTaskRun(
      s.scope,
      created.id,
      { type: 'user', id: null, label: 'Tess' },
      { 0: { WHO: 'override' } },
    )
    if (!queued.ok) throw new Error(JSON.stringify(queued))
    const run = await waitForRun(queued.runId)
    expect(run.status).toBe('succeeded')
    expect(run.taskId).toBe(created.id)
    const snapshot = runSnapshotSchema.parse(JSON.parse(run.snapshot))
    expect(snapshot.targets.map((t) => t.name)).toEqual(['box'])
    const tr = await db.targetRun.findFirstOrThrow({ where: { runId: run.id } })
    expect((await readTargetRunOutput(s.scope, tr.id))!.stdout).toBe('hello override token=8\n')
    await expect
      .poll(async () => (await db.task.findUniqueOrThrow({ where: { id: created.id } })).lastStatus)
      .toBe('succeeded')
  })

  it('a file step snapshots its stored files; scripts and targets in use name the task when deleted', async () => {
    const s = await tenant()
    const file = await storeFile(s.scope, { name: 'app.conf', data: Buffer.from('port=80\n') })
    const created = await createTask(
      s.scope,
      input(s, {
        steps: [
          { kind: 'file', fileIds: [file.id], remoteDir: '/tmp', mode: '640' },
          { kind: 'script', scriptId: s.scriptId, parameters: { WHO: 'w' } },
        ],
      }),
    )
    if (!created.ok) throw new Error(JSON.stringify(created))
    const queued = await queueTaskRun(s.scope, created.id, { type: 'schedule', id: null, label: 'Schedule' })
    if (!queued.ok) throw new Error(JSON.stringify(queued))
    const run = await db.run.findUniqueOrThrow({ where: { id: queued.runId } })
    expect(runSnapshotSchema.parse(JSON.parse(run.snapshot)).steps[0]).toEqual({
      kind: 'file',
      name: 'Upload app.conf',
      files: [{ fileId: file.id, name: 'app.conf', size: 8, sha256: file.sha256 }],
      remoteDir: '/tmp',
      mode: '0640',
      continueOnFailure: false,
      hosts: 'all',
    })
    await waitForRun(queued.runId)

    expect(await tasksUsingTarget(s.scope, s.targetId)).toEqual(['Nightly greet'])
    expect(await deleteScript(s.scope, s.scriptId)).toMatchObject({
      ok: false,
      tasks: [{ id: created.id, name: 'Nightly greet' }],
    })
  })
})
