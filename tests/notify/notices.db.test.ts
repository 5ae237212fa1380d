import { describe, expect, it } from 'vitest'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { type NoticeTableState, noticeTable } from '@/lib/notify/notice-params'
import { listNotices, markAllNoticesRead, markNoticeRead, unreadNoticeCount } from '@/lib/notify/notices'
import { parseNotifyPolicy } from '@/lib/notify/policy'
import { storeFile } from '@/lib/files/store'
import { getTask } from '@/lib/tasks/queries'
import { createTask, updateTask } from '@/lib/tasks/save'
import { taskSchema } from '@/lib/tasks/schema'
import { makeMember, makeTenant, makeUser } from '../support/factories'

// The notice centre is per user and per tenant; a task's notification policy names only
// the tenant's own members and channels.

const table = (state: Partial<NoticeTableState> = {}): NoticeTableState => ({
  ...noticeTable.cache.parse({}),
  ...state,
})

let at = Date.UTC(2026, 0, 1)
function notice(scope: Pick<Scope, 'tenantId' | 'userId'>, title: string, kind = 'run.failed', read = false) {
  at += 60_000
  return db.notice.create({
    data: {
      tenantId: scope.tenantId,
      userId: scope.userId,
      kind,
      title,
      link: `/somewhere/runs/${title}`,
      createdAt: new Date(at),
      readAt: read ? new Date(at) : null,
    },
  })
}

/** Two tenants; Ann belongs to both, Bob to the first only. */
async function people() {
  const first = await makeTenant('Notices')
  const second = await makeTenant('Other')
  const ann = await makeMember(first.id, 'viewer')
  const bob = await makeMember(first.id, 'admin')
  await db.membership.create({ data: { tenantId: second.id, userId: ann.user.id, role: 'viewer' } })
  const annThere = { tenantId: second.id, userId: ann.user.id, role: 'viewer' as const }
  return { ann: ann.scope, bob: bob.scope, annThere }
}

describe(`notices (${process.env.FANOUT_TEST_DB})`, () => {
  it('lists only the user’s own notices of the tenant, newest first, filtered by state, kind and title', async () => {
    const { ann, bob, annThere } = await people()
    await notice(ann, 'nightly backup: failed')
    await notice(ann, 'deploy web: succeeded', 'run.succeeded')
    await notice(ann, 'nightly backup: timed out', 'run.timed_out', true)
    await notice(bob, 'bob only: failed')
    await notice(annThere, 'other tenant: failed')

    const titles = async (scope: typeof ann, state?: Partial<NoticeTableState>) =>
      (await listNotices(scope, table(state))).rows.map((r) => r.title)
    expect(await titles(ann)).toEqual(['nightly backup: timed out', 'deploy web: succeeded', 'nightly backup: failed'])
    expect(await titles(ann, { state: 'unread' })).toEqual(['deploy web: succeeded', 'nightly backup: failed'])
    expect(await titles(ann, { state: 'read' })).toEqual(['nightly backup: timed out'])
    expect(await titles(ann, { kind: 'run.failed' })).toEqual(['nightly backup: failed'])
    expect(await titles(ann, { q: 'BACKUP' })).toEqual(['nightly backup: timed out', 'nightly backup: failed'])
    expect(await titles(ann, { sort: 'title', dir: 'asc', perPage: 2, page: 2 })).toEqual(['nightly backup: timed out'])
    expect((await listNotices(ann, table())).total).toBe(3)
    expect(await titles(bob)).toEqual(['bob only: failed'])
    expect(await titles(annThere)).toEqual(['other tenant: failed'])

    expect(await unreadNoticeCount(ann)).toBe(2)
    expect(await unreadNoticeCount(bob)).toBe(1)
    expect(await unreadNoticeCount(annThere)).toBe(1)
  })

  it('marks read only the user’s own notice in this tenant; another’s id is not found and stays unread', async () => {
    const { ann, bob, annThere } = await people()
    const mine = await notice(ann, 'mine')
    const bobs = await notice(bob, 'bob’s')
    const elsewhere = await notice(annThere, 'mine in the other tenant')

    expect(await markNoticeRead(ann, bobs.id)).toBe(false)
    expect(await markNoticeRead(ann, elsewhere.id)).toBe(false)
    expect(await markNoticeRead(ann, 'no-such-notice')).toBe(false)
    expect(await db.notice.count({ where: { id: { in: [bobs.id, elsewhere.id] }, readAt: null } })).toBe(2)

    expect(await markNoticeRead(ann, mine.id)).toBe(true)
    const readAt = (await db.notice.findUniqueOrThrow({ where: { id: mine.id } })).readAt
    expect(readAt).not.toBeNull()
    // Reading it again is fine and keeps the first time it was read.
    expect(await markNoticeRead(ann, mine.id)).toBe(true)
    expect((await db.notice.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toEqual(readAt)
    expect(await unreadNoticeCount(ann)).toBe(0)
    expect(await unreadNoticeCount(bob)).toBe(1)
    expect(await unreadNoticeCount(annThere)).toBe(1)
  })

  it('marks all read for the user in this tenant only', async () => {
    const { ann, bob, annThere } = await people()
    await notice(ann, 'one')
    await notice(ann, 'two', 'run.interrupted')
    await notice(ann, 'old', 'run.failed', true)
    await notice(bob, 'bob’s')
    await notice(annThere, 'elsewhere')

    expect(await markAllNoticesRead(ann)).toBe(2)
    expect(await unreadNoticeCount(ann)).toBe(0)
    expect((await listNotices(ann, table({ state: 'unread' }))).total).toBe(0)
    expect(await unreadNoticeCount(bob)).toBe(1)
    expect(await unreadNoticeCount(annThere)).toBe(1)
    expect(await markAllNoticesRead(ann)).toBe(0)
  })
})

/** A tenant with a target and an uploaded file: enough for a task with a file step. */
async function taskTenant() {
  const tenant = await makeTenant('Policy')
  const { scope } = await makeMember(tenant.id, 'admin')
  const operator = await makeMember(tenant.id, 'operator')
  const target = await db.target.create({
    data: { tenantId: tenant.id, name: 'box', host: '127.0.0.1', username: 'ops', credentialType: 'platform_key' },
  })
  const file = await storeFile(scope, { name: 'motd', data: Buffer.from('hello\n') })
  const channel = await db.notifyChannel.create({
    data: { tenantId: tenant.id, name: 'Ops mail', kind: 'email' },
  })
  return { scope, operatorId: operator.user.id, targetId: target.id, fileId: file.id, channelId: channel.id }
}

type TaskTenant = Awaited<ReturnType<typeof taskTenant>>

function input(t: TaskTenant, notify?: unknown) {
  return taskSchema.parse({
    tenant: 'x',
    name: 'Copy motd',
    type: 'manual',
    steps: [{ kind: 'file', fileIds: [t.fileId], remoteDir: '/tmp' }],
    targetIds: [t.targetId],
    ...(notify === undefined ? {} : { notify }),
  })
}

const storedPolicy = async (id: string) => JSON.parse((await db.task.findUniqueOrThrow({ where: { id } })).notify)

describe(`a task's notification policy (${process.env.FANOUT_TEST_DB})`, () => {
  it('round-trips through save and the task view; left out, it takes the defaults', async () => {
    const t = await taskTenant()
    const policy = {
      on: ['failed', 'succeeded'],
      roles: ['operator'],
      userIds: [t.operatorId],
      channelIds: [t.channelId],
    }
    const created = await createTask(t.scope, input(t, policy))
    if (!created.ok) throw new Error(JSON.stringify(created))
    expect(await storedPolicy(created.id)).toEqual(policy)
    expect(parseNotifyPolicy((await getTask(t.scope, created.id))!.notify)).toEqual(policy)

    const none = { on: [], roles: [], userIds: [], channelIds: [] }
    expect(await updateTask(t.scope, created.id, input(t, none))).toEqual({ ok: true, id: created.id })
    expect(await storedPolicy(created.id)).toEqual(none)

    expect(await updateTask(t.scope, created.id, input(t))).toEqual({ ok: true, id: created.id })
    expect(await storedPolicy(created.id)).toEqual({
      on: ['failed', 'timed_out', 'interrupted'],
      roles: ['admin'],
      userIds: [],
      channelIds: [],
    })
  })

  it('refuses people who are not members and channels of another tenant, naming each field', async () => {
    const t = await taskTenant()
    const other = await taskTenant()
    const stranger = await makeUser()
    const result = await createTask(
      t.scope,
      input(t, { userIds: [t.operatorId, stranger.id, other.operatorId], channelIds: [t.channelId, other.channelId] }),
    )
    expect(result).toEqual({
      ok: false,
      errors: {
        'notify.userIds': 'Some chosen people are not members of this tenant. Choose again.',
        'notify.channelIds': 'Some chosen channels no longer exist. Choose again.',
      },
    })
    expect(await db.task.count({ where: { tenantId: t.scope.tenantId } })).toBe(0)

    const created = await createTask(t.scope, input(t, { userIds: [t.operatorId] }))
    if (!created.ok) throw new Error(JSON.stringify(created))
    const refused = await updateTask(t.scope, created.id, input(t, { channelIds: [other.channelId] }))
    expect(refused).toEqual({
      ok: false,
      errors: { 'notify.channelIds': 'Some chosen channels no longer exist. Choose again.' },
    })
    expect((await storedPolicy(created.id)).userIds).toEqual([t.operatorId])
    expect(taskSchema.safeParse({ ...input(t), notify: { on: ['exploded'] } }).success).toBe(false)
  })
})
