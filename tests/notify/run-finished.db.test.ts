import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { notifyRunsEnded, unnotifiedRuns } from '@/lib/notify/run-finished'
import type { NotifyPolicy } from '@/lib/notify/policy'
import { runRow, targetRunRow } from '../support/engine-fixtures'
import { makeMember, makeTenant, makeUser } from '../support/factories'

// Who hears of a run's end: the policy's roles and people, members of the run's tenant
// only, once, and only for the statuses it names.

async function tenantWithPeople() {
  const tenant = await makeTenant('Notify')
  const admin = await makeMember(tenant.id, 'admin')
  const operator = await makeMember(tenant.id, 'operator')
  const viewer = await makeMember(tenant.id, 'viewer')
  return { tenant, admin, operator, viewer }
}

let n = 0
async function taskRun(tenantId: string, status: string, policy: Partial<NotifyPolicy> = {}) {
  const task = await db.task.create({
    data: {
      tenantId,
      name: `nightly ${++n}`,
      type: 'manual',
      parallelism: 1,
      timeoutSeconds: 60,
      notify: JSON.stringify(policy),
    },
  })
  const run = await runRow(tenantId, { kind: 'task', taskId: task.id, status, finishedAt: new Date(), title: 'x v1' })
  await targetRunRow(run, 'web-1', { status: 'succeeded' })
  await targetRunRow(run, 'web-2', { status: status === 'succeeded' ? 'succeeded' : 'failed' })
  return { task, run }
}

const noticesOf = (runId: string) => db.notice.findMany({ where: { runId }, orderBy: { userId: 'asc' } })

describe(`notifying a run's end (${process.env.FANOUT_TEST_DB})`, () => {
  it('gives the tenant admins a notice of a failed task run by default, linking to the run', async () => {
    const { tenant, admin } = await tenantWithPeople()
    const other = await makeTenant('Other')
    await makeMember(other.id, 'admin')
    const { task, run } = await taskRun(tenant.id, 'failed')
    await notifyRunsEnded([run.id])
    const notices = await noticesOf(run.id)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({
      tenantId: tenant.id,
      userId: admin.user.id,
      kind: 'run.failed',
      title: `${task.name}: failed`,
      body: '1 of 2 target-runs did not succeed.',
      link: `/${tenant.slug}/tasks/${task.id}/runs/${run.id}`,
      readAt: null,
    })
  })

  it('names roles and people, but only members of the tenant ever hear of it', async () => {
    const { tenant, operator, viewer } = await tenantWithPeople()
    const stranger = await makeUser()
    const outsider = await makeMember((await makeTenant('Elsewhere')).id, 'admin')
    const { run } = await taskRun(tenant.id, 'timed_out', {
      roles: ['operator'],
      userIds: [viewer.user.id, stranger.id, outsider.user.id],
    })
    await notifyRunsEnded([run.id])
    expect((await noticesOf(run.id)).map((x) => x.userId).sort()).toEqual([operator.user.id, viewer.user.id].sort())
  })

  it('notifies only the statuses the policy names, and each run once', async () => {
    const { tenant } = await tenantWithPeople()
    const quiet = await taskRun(tenant.id, 'succeeded')
    const loud = await taskRun(tenant.id, 'succeeded', { on: ['succeeded'] })
    await notifyRunsEnded([quiet.run.id, loud.run.id, loud.run.id])
    await notifyRunsEnded([loud.run.id])
    expect(await noticesOf(quiet.run.id)).toHaveLength(0)
    expect(await noticesOf(loud.run.id)).toEqual([
      expect.objectContaining({ kind: 'run.succeeded', body: 'All 2 target-runs succeeded.' }),
    ])
  })

  it('tells the person who started a one-off run that it failed; a live run is not notified', async () => {
    const { tenant, operator } = await tenantWithPeople()
    const run = await runRow(tenant.id, {
      kind: 'script',
      status: 'failed',
      title: 'deploy v3',
      triggeredByType: 'user',
      triggeredById: operator.user.id,
      finishedAt: new Date(),
    })
    const live = await runRow(tenant.id, { status: 'running' })
    await notifyRunsEnded([run.id, live.id])
    expect(await noticesOf(run.id)).toEqual([
      expect.objectContaining({
        userId: operator.user.id,
        title: 'deploy v3: failed',
        link: `/${tenant.slug}/runs/${run.id}`,
      }),
    ])
    expect((await db.run.findUniqueOrThrow({ where: { id: live.id } })).notifiedAt).toBeNull()
  })

  it("queues a message to the policy's channels of the run's tenant, never another tenant's", async () => {
    const { tenant } = await tenantWithPeople()
    const other = await makeTenant('Other')
    const channel = (tenantId: string, name: string) =>
      db.notifyChannel.create({ data: { tenantId, name, kind: 'webhook', config: '{}' } })
    const ours = await channel(tenant.id, 'ops')
    const theirs = await channel(other.id, 'theirs')
    const { run } = await taskRun(tenant.id, 'failed', { channelIds: [ours.id, theirs.id] })
    await notifyRunsEnded([run.id])
    const deliveries = await db.delivery.findMany({ where: { runId: run.id } })
    expect(deliveries).toEqual([
      expect.objectContaining({ channelId: ours.id, status: 'pending', tenantId: tenant.id }),
    ])
    expect(JSON.parse(deliveries[0].payload)).toMatchObject({ status: 'failed' })
  })

  it('catches up on runs that ended lately without a notice, not on old ones', async () => {
    const { tenant } = await tenantWithPeople()
    const recent = await taskRun(tenant.id, 'interrupted')
    const old = await runRow(tenant.id, { status: 'failed', finishedAt: new Date(Date.now() - 3_600_000) })
    const pending = await unnotifiedRuns()
    expect(pending).toContain(recent.run.id)
    expect(pending).not.toContain(old.id)
  })
})
