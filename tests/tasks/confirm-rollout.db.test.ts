import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { runSnapshotSchema } from '@/lib/engine/snapshot'
import { preflightTask } from '@/lib/runs/preflight'
import { getTask } from '@/lib/tasks/queries'
import { queueTaskRun } from '@/lib/tasks/queue'
import { createTask, updateTask } from '@/lib/tasks/save'
import { taskSchema } from '@/lib/tasks/schema'
import { saveScript } from '../support/engine-fixtures'
import { makeMember, makeTenant } from '../support/factories'

// Safer runs on the task side (PRODUCT.md §3a): a confirm step and a rollout in batches are
// saved as the form sends them, shown back, and frozen into the run a task queues.

/** A tenant with an operator, a channel, two targets and a script. */
async function tenant(name = 'Safer') {
  const t = await makeTenant(name)
  const { scope } = await makeMember(t.id, 'admin')
  const operator = await makeMember(t.id, 'operator')
  const channel = await db.notifyChannel.create({ data: { tenantId: t.id, name: 'Ops mail', kind: 'email' } })
  const targetIds: string[] = []
  for (const box of ['box-1', 'box-2'])
    targetIds.push(
      (
        await db.target.create({
          // Port 1: nothing listens, so a dry run's connection check is refused at once.
          data: {
            tenantId: t.id,
            name: box,
            host: '127.0.0.1',
            port: 1,
            username: 'ops',
            credentialType: 'platform_key',
          },
        })
      ).id,
    )
  const scriptId = await saveScript(scope, 'echo deploy\n', { name: 'deploy' })
  return { scope, operatorId: operator.user.id, channelId: channel.id, targetIds, scriptId }
}

type Setup = Awaited<ReturnType<typeof tenant>>

const parse = (s: Setup, fields: Record<string, unknown>) =>
  taskSchema.safeParse({
    tenant: 'x',
    name: `Deploy ${Math.random()}`,
    type: 'manual',
    targetIds: s.targetIds,
    ...fields,
  })

const input = (s: Setup, fields: Record<string, unknown>) => {
  const parsed = parse(s, fields)
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues))
  return parsed.data
}

const issues = (parsed: ReturnType<typeof parse>) =>
  Object.fromEntries((parsed.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))

const script = (s: Setup, more: Record<string, unknown> = {}) => ({ kind: 'script', scriptId: s.scriptId, ...more })

async function queuedSnapshot(s: Setup, taskId: string) {
  const queued = await queueTaskRun(s.scope, taskId, { type: 'user', id: s.scope.userId, label: 'test' })
  if (!queued.ok) throw new Error(JSON.stringify(queued))
  const run = await db.run.findUniqueOrThrow({ where: { id: queued.runId } })
  return runSnapshotSchema.parse(JSON.parse(run.snapshot))
}

describe(`confirm steps and rollouts of a task (${process.env.FANOUT_TEST_DB})`, () => {
  it('stores a confirm step and a rollout, shows them back, and freezes both into the run it queues', async () => {
    const s = await tenant()
    const confirmation = {
      message: 'Check the canary dashboard first.',
      roles: ['operator'],
      userIds: [s.operatorId],
      channelIds: [s.channelId],
      timeoutMinutes: 30,
    }
    const rollout = {
      mode: 'run',
      canary: { value: 1, unit: 'hosts' },
      batch: { value: 25, unit: 'percent' },
      between: 'confirm',
      delaySeconds: 60,
      confirm: { message: '', roles: ['admin'], userIds: [], channelIds: [], timeoutMinutes: null },
    }
    const created = await createTask(
      s.scope,
      input(s, {
        steps: [
          script(s),
          { kind: 'confirm', name: 'Go ahead?', confirmation },
          { kind: 'confirm', confirmation: { roles: ['admin'] } },
          script(s, { hosts: 'prev_succeeded' }),
        ],
        rollout,
      }),
    )
    if (!created.ok) throw new Error(JSON.stringify(created))

    const view = (await getTask(s.scope, created.id))!
    expect(view.steps[1]).toEqual({
      id: expect.any(String),
      position: 1,
      kind: 'confirm',
      name: 'Go ahead?',
      confirmation,
    })
    expect(view.steps[2]).toMatchObject({
      kind: 'confirm',
      name: '',
      confirmation: { roles: ['admin'], timeoutMinutes: null },
    })
    expect(view.steps[3]).toMatchObject({ kind: 'script', hosts: 'prev_succeeded' })
    expect(view.rollout).toEqual(rollout)

    const snapshot = await queuedSnapshot(s, created.id)
    expect(snapshot.steps.map((st) => st.kind)).toEqual(['script', 'confirm', 'confirm', 'script'])
    expect(snapshot.steps[1]).toEqual({ kind: 'confirm', name: 'Go ahead?', confirmation })
    expect(snapshot.steps[2]).toMatchObject({ kind: 'confirm', name: 'Confirmation' })
    expect(snapshot.rollout).toEqual(rollout)

    // Turned off, the rollout is stored as none and a run carries no batches.
    const off = input(s, { steps: [script(s)], rollout: { ...rollout, mode: 'off' } })
    expect(await updateTask(s.scope, created.id, off)).toEqual({ ok: true, id: created.id })
    expect((await db.task.findUniqueOrThrow({ where: { id: created.id } })).rollout).toBe('{}')
    expect((await getTask(s.scope, created.id))!.rollout.mode).toBe('off')
    expect((await queuedSnapshot(s, created.id)).rollout).toBeUndefined()
  })

  it('keeps recipients between batches only when a confirmation is asked there', async () => {
    const s = await tenant()
    const created = await createTask(
      s.scope,
      input(s, {
        steps: [script(s)],
        rollout: {
          mode: 'steps',
          batch: { value: 1, unit: 'hosts' },
          between: 'delay',
          delaySeconds: 90,
          confirm: { userIds: ['gone'] },
        },
      }),
    )
    if (!created.ok) throw new Error(JSON.stringify(created))
    const stored = JSON.parse((await db.task.findUniqueOrThrow({ where: { id: created.id } })).rollout)
    expect(stored).toEqual({
      mode: 'steps',
      canary: null,
      batch: { value: 1, unit: 'hosts' },
      between: 'delay',
      delaySeconds: 90,
    })
    expect((await queuedSnapshot(s, created.id)).rollout).toMatchObject({
      mode: 'steps',
      between: 'delay',
      delaySeconds: 90,
    })
  })

  it('refuses confirmations only, confirmations that ask nobody, batches over 100 % and hosts behind confirmations only', async () => {
    const s = await tenant()
    const nobody = { roles: [], userIds: [], channelIds: [] }
    expect(issues(parse(s, { steps: [{ kind: 'confirm' }] }))).toEqual({
      steps: 'Add a script or file step: a task of confirmations only runs nothing.',
    })
    expect(
      issues(
        parse(s, {
          steps: [script(s), { kind: 'confirm', confirmation: nobody }],
          rollout: { mode: 'run', between: 'confirm', confirm: nobody, canary: { value: 150, unit: 'percent' } },
        }),
      ),
    ).toEqual({
      'steps.1.confirmation.roles': 'Choose who is asked: a role, a person or a channel.',
      'rollout.confirm.roles': 'Choose who is asked: a role, a person or a channel.',
      'rollout.canary.value': 'At most 100 %.',
    })
    // Nobody is asked between batches when no rollout happens.
    expect(
      parse(s, { steps: [script(s)], rollout: { mode: 'off', between: 'confirm', confirm: nobody } }).success,
    ).toBe(true)

    expect(issues(parse(s, { steps: [{ kind: 'confirm' }, script(s, { hosts: 'prev_succeeded' })] }))).toEqual({
      'steps.1.hosts': 'Only confirmations are before this step: it runs on all targets.',
    })
    // "The previous step" is the script or file step before the confirmation.
    const behind = (first: Record<string, unknown>) =>
      parse(s, { steps: [script(s, first), { kind: 'confirm' }, script(s, { hosts: 'prev_failed' })] })
    expect(issues(behind({}))).toEqual({
      'steps.2.hosts': 'Let step 1 continue on failure: otherwise its failures end the run before this step.',
    })
    expect(behind({ continueOnFailure: true }).success).toBe(true)
  })

  it('leaves confirmations out of a dry run: they run nothing on a host', async () => {
    const s = await tenant()
    const created = await createTask(
      s.scope,
      input(s, {
        steps: [
          script(s, { continueOnFailure: true }),
          { kind: 'confirm', name: 'Go ahead?' },
          script(s, { hosts: 'prev_failed' }),
        ],
      }),
    )
    if (!created.ok) throw new Error(JSON.stringify(created))
    const preflight = await preflightTask(s.scope, created.id)
    expect(preflight?.steps).toEqual([
      { kind: 'script', label: 'deploy v1', hosts: 'all', runAs: null },
      { kind: 'script', label: 'deploy v1', hosts: 'prev_failed', runAs: null },
    ])
    expect(preflight?.summary).toMatchObject({ targets: 2, blocked: false })
  })

  it('refuses people and channels of another tenant in a confirm step and between batches', async () => {
    const s = await tenant()
    const other = await tenant('Rival')
    const foreign = { userIds: [s.operatorId, other.operatorId], channelIds: [other.channelId] }
    const result = await createTask(
      s.scope,
      input(s, {
        steps: [script(s), { kind: 'confirm', confirmation: foreign }],
        rollout: { mode: 'steps', between: 'confirm', confirm: foreign },
      }),
    )
    expect(result).toEqual({
      ok: false,
      errors: {
        'steps.1.confirmation.userIds': 'Some chosen people are not members of this tenant. Choose again.',
        'steps.1.confirmation.channelIds': 'Some chosen channels no longer exist. Choose again.',
        'rollout.confirm.userIds': 'Some chosen people are not members of this tenant. Choose again.',
        'rollout.confirm.channelIds': 'Some chosen channels no longer exist. Choose again.',
      },
    })
    expect(await db.task.count({ where: { tenantId: s.scope.tenantId } })).toBe(0)
  })
})
