import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createExecAccount } from '@/lib/accounts/queries'
import { db } from '@/lib/db'
import { runSnapshotSchema } from '@/lib/engine/snapshot'
import { getTask } from '@/lib/tasks/queries'
import { queueTaskRun } from '@/lib/tasks/queue'
import { createTask } from '@/lib/tasks/save'
import { taskSchema } from '@/lib/tasks/schema'
import { engineTarget, memberTenant, saveScript } from '../support/engine-fixtures'
import { type SshHost, startSshd } from '../support/sshd'

let host: SshHost
beforeAll(async () => {
  host = await startSshd()
})
afterAll(async () => {
  await host?.stop()
})

async function tenant(name = 'Steps') {
  const scope = await memberTenant(name, host)
  const target = await engineTarget(scope, host, 'box')
  const scriptId = await saveScript(scope, 'echo hi\n')
  return { scope, targetId: target.id, scriptId }
}

const task = (s: Awaited<ReturnType<typeof tenant>>, steps: Record<string, unknown>[]) =>
  taskSchema.safeParse({
    tenant: 'x',
    name: `Remedy ${Math.random()}`,
    type: 'manual',
    steps: steps.map((step) => ({ kind: 'script', scriptId: s.scriptId, ...step })),
    targetIds: [s.targetId],
  })

const issues = (parsed: ReturnType<typeof task>) =>
  Object.fromEntries((parsed.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))

describe(`a task step's hosts and run-as account (${process.env.FANOUT_TEST_DB})`, () => {
  it('refuses a host selection on the first step, and failed hosts behind a step that stops the run', async () => {
    const s = await tenant()
    expect(issues(task(s, [{ hosts: 'prev_failed' }]))).toEqual({
      'steps.0.hosts': 'The first step runs on all targets: no step is before it.',
    })
    expect(issues(task(s, [{}, { hosts: 'prev_failed' }]))).toEqual({
      'steps.1.hosts': 'Let step 1 continue on failure: otherwise its failures end the run before this step.',
    })
    expect(task(s, [{ continueOnFailure: true }, { hosts: 'prev_failed' }]).success).toBe(true)
    expect(task(s, [{}, { hosts: 'prev_succeeded' }]).success).toBe(true)
  })

  it('runs as an account only when the tenant declared it, and carries both into the run it queues', async () => {
    const s = await tenant()
    const other = await tenant('Other')
    await createExecAccount(other.scope, { name: 'elsewhere', description: '' })
    await createExecAccount(s.scope, { name: 'deploy', description: 'Owns /srv/app' })

    for (const name of ['nobody-declared', 'elsewhere']) {
      const parsed = task(s, [{ continueOnFailure: true }, { hosts: 'prev_failed', runAs: name }])
      expect(await createTask(s.scope, parsed.data!)).toEqual({
        ok: false,
        errors: { 'steps.1.runAs': 'Choose one of the execution accounts in Settings → Execution accounts.' },
      })
    }

    const parsed = task(s, [
      { continueOnFailure: true, runAs: '' },
      { hosts: 'prev_failed', runAs: 'deploy' },
    ])
    const created = await createTask(s.scope, parsed.data!)
    if (!created.ok) throw new Error(JSON.stringify(created))
    const view = await getTask(s.scope, created.id)
    expect(view!.steps.map((st) => st.kind === 'script' && [st.hosts, st.runAs])).toEqual([
      ['all', null],
      ['prev_failed', 'deploy'],
    ])

    const queued = await queueTaskRun(s.scope, created.id, { type: 'user', id: s.scope.userId, label: 'test' })
    if (!queued.ok) throw new Error(JSON.stringify(queued))
    const run = await db.run.findUniqueOrThrow({ where: { id: queued.runId } })
    const { steps } = runSnapshotSchema.parse(JSON.parse(run.snapshot))
    expect(steps.map((st) => st.kind === 'script' && [st.hosts, st.runAs])).toEqual([
      ['all', null],
      ['prev_failed', 'deploy'],
    ])
  })

  it('reads a snapshot queued before hosts and run-as existed as all targets, as the login user', () => {
    const step = {
      kind: 'script',
      scriptId: 's',
      scriptName: 's',
      versionId: 'v',
      version: 1,
      sha256: 'x',
      language: 'bash',
      content: 'true\n',
      parameters: [],
    }
    const parsed = runSnapshotSchema.parse({
      steps: [step],
      targets: [{ id: 't', name: 't', host: 'h', port: 22, encoding: 'utf-8' }],
      limits: { parallelism: 1, timeoutSeconds: 10 },
    })
    expect(parsed.steps[0]).toMatchObject({ hosts: 'all', runAs: null })
  })
})
