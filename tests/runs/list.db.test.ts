import { describe, expect, it } from 'vitest'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { listRuns } from '@/lib/runs/list'
import type { RunListState } from '@/lib/runs/list-params'
import { insertRun, type Trigger } from '@/lib/runs/queue'
import { limits, memberTenant, saveScript, scriptStep } from '../support/engine-fixtures'

// The run lists (tenant-wide, a script's, a task's) over runs queued as the app queues them,
// then moved in time and status as an engine would leave them.

const state = (s: Partial<RunListState> = {}): RunListState => ({
  page: 1,
  perPage: 20,
  sort: 'createdAt',
  dir: 'desc',
  q: '',
  status: null,
  by: null,
  from: null,
  to: null,
  ...s,
})

const day = (d: string) => new Date(`${d}T00:00:00Z`)
const target = { id: 't', name: 't', host: '127.0.0.1', port: 22, encoding: 'utf-8' }

type Script = { id: string; name: string }

async function run(
  scope: Scope,
  what: { scripts: Script[]; taskId?: string; rerunOfId?: string },
  trigger: Trigger,
  data: { status: string; createdAt: string; startedAt?: string; finishedAt?: string },
) {
  const id = await insertRun(
    scope,
    {
      kind: what.taskId ? 'task' : 'script',
      scriptId: what.taskId ? null : what.scripts[0].id,
      taskId: what.taskId ?? null,
      rerunOfId: what.rerunOfId ?? null,
      snapshot: {
        steps: what.scripts.map((s) => scriptStep('true', { scriptId: s.id, scriptName: s.name })),
        targets: [target],
        limits: limits(),
      },
    },
    trigger,
  )
  const date = (v?: string) => (v ? new Date(v) : null)
  await db.run.update({
    where: { id },
    data: {
      status: data.status,
      createdAt: new Date(data.createdAt),
      startedAt: date(data.startedAt),
      finishedAt: date(data.finishedAt),
    },
  })
  return id
}

const task = (scope: Scope, name: string) =>
  db.task.create({
    data: { tenantId: scope.tenantId, name, type: 'manual', parallelism: 1, timeoutSeconds: 60 },
    select: { id: true },
  })

/** A tenant with two scripts, a task, a deleted task, and four runs over four days of March 2026. */
async function tenant() {
  const scope = await memberTenant('Run lists')
  const backup = { id: await saveScript(scope, 'echo b', { name: 'Backup db' }), name: 'Backup db' }
  const deploy = { id: await saveScript(scope, 'echo d', { name: 'Deploy app' }), name: 'Deploy app' }
  const nightly = await task(scope, 'Nightly')
  const gone = await task(scope, 'Gone')
  const ada = { type: 'user' as const, id: null, label: 'Ada Admin' }

  const adHoc = await run(scope, { scripts: [backup] }, ada, {
    status: 'succeeded',
    createdAt: '2026-03-01T10:00:00Z',
    startedAt: '2026-03-01T10:00:01Z',
    finishedAt: '2026-03-01T10:00:04Z',
  })
  const byToken = await run(
    scope,
    { scripts: [deploy] },
    { type: 'token', id: null, label: 'ci-deployer' },
    { status: 'failed', createdAt: '2026-03-02T23:59:59Z', startedAt: '2026-03-03T00:00:01Z' },
  )
  const scheduled = await run(
    scope,
    { scripts: [deploy, backup], taskId: nightly.id },
    { type: 'schedule', id: null, label: 'Schedule' },
    { status: 'running', createdAt: '2026-03-03T00:00:00Z', startedAt: '2026-03-03T00:00:02Z' },
  )
  const orphan = await run(scope, { scripts: [deploy], taskId: gone.id, rerunOfId: byToken }, ada, {
    status: 'queued',
    createdAt: '2026-03-04T08:00:00Z',
  })
  await db.task.delete({ where: { id: gone.id } })
  return { scope, backup, deploy, nightly, runs: { adHoc, byToken, scheduled, orphan } }
}

const ids = (result: { rows: { id: string }[] }) => result.rows.map((r) => r.id)

describe(`run lists (${process.env.FANOUT_TEST_DB})`, () => {
  it('lists the tenant’s runs newest first, with task names, titles, durations and re-run links', async () => {
    const { scope, runs, nightly } = await tenant()
    const all = await listRuns(scope, {}, state())
    expect(all.total).toBe(4)
    expect(ids(all)).toEqual([runs.orphan, runs.scheduled, runs.byToken, runs.adHoc])
    const [orphan, scheduled, , adHoc] = all.rows
    expect(scheduled).toMatchObject({ taskId: nightly.id, taskName: 'Nightly', title: 'Deploy app v1, Backup db v1' })
    expect(scheduled.triggeredByType).toBe('schedule')
    // The task was deleted; its runs stay, named as such.
    expect(orphan).toMatchObject({ kind: 'task', taskName: null, rerunOfId: runs.byToken, duration: '—' })
    expect(adHoc).toMatchObject({ kind: 'script', taskId: null, taskName: null, duration: '3.0 s' })

    const byStart = await listRuns(scope, {}, state({ sort: 'startedAt', dir: 'asc' }))
    // Not started yet: after the ones that have, whichever the direction.
    expect(ids(byStart)).toEqual([runs.adHoc, runs.byToken, runs.scheduled, runs.orphan])
    const paged = await listRuns(scope, {}, state({ perPage: 3, page: 2 }))
    expect(paged).toMatchObject({ total: 4, rows: [{ id: runs.adHoc }] })
  })

  it('filters by status, by what started the run, and by the days it was queued (to includes its whole day)', async () => {
    const { scope, runs } = await tenant()
    expect(ids(await listRuns(scope, {}, state({ status: 'failed' })))).toEqual([runs.byToken])
    expect(ids(await listRuns(scope, {}, state({ status: 'cancelled' })))).toEqual([])
    expect(ids(await listRuns(scope, {}, state({ by: 'user' })))).toEqual([runs.orphan, runs.adHoc])
    expect(ids(await listRuns(scope, {}, state({ by: 'token' })))).toEqual([runs.byToken])
    expect(ids(await listRuns(scope, {}, state({ by: 'webhook' })))).toEqual([])

    expect(ids(await listRuns(scope, {}, state({ from: day('2026-03-02') })))).toEqual([
      runs.orphan,
      runs.scheduled,
      runs.byToken,
    ])
    // 23:59:59 on the 2nd is in "to the 2nd"; midnight on the 3rd is not.
    expect(ids(await listRuns(scope, {}, state({ to: day('2026-03-02') })))).toEqual([runs.byToken, runs.adHoc])
    expect(ids(await listRuns(scope, {}, state({ from: day('2026-03-02'), to: day('2026-03-03') })))).toEqual([
      runs.scheduled,
      runs.byToken,
    ])
    expect(ids(await listRuns(scope, {}, state({ from: day('2026-03-02'), by: 'user' })))).toEqual([runs.orphan])
  })

  it('searches run ids, script names and who started the run, in any case', async () => {
    const { scope, runs } = await tenant()
    expect(ids(await listRuns(scope, {}, state({ q: runs.byToken.slice(3, 15).toUpperCase() })))).toEqual([
      runs.byToken,
    ])
    expect(ids(await listRuns(scope, {}, state({ q: 'backup DB' })))).toEqual([runs.scheduled, runs.adHoc])
    expect(ids(await listRuns(scope, {}, state({ q: 'CI-DEPLOY' })))).toEqual([runs.byToken])
    expect(ids(await listRuns(scope, {}, state({ q: 'ada', status: 'queued' })))).toEqual([runs.orphan])
    expect((await listRuns(scope, {}, state({ q: 'nobody' }))).total).toBe(0)
  })

  it('a script’s list holds every run that executed it, task runs included; a task’s list holds its own', async () => {
    const { scope, backup, deploy, nightly, runs } = await tenant()
    expect(ids(await listRuns(scope, { scriptId: backup.id }, state()))).toEqual([runs.scheduled, runs.adHoc])
    expect(ids(await listRuns(scope, { scriptId: deploy.id }, state()))).toEqual([
      runs.orphan,
      runs.scheduled,
      runs.byToken,
    ])
    expect(ids(await listRuns(scope, { scriptId: deploy.id }, state({ by: 'token' })))).toEqual([runs.byToken])
    expect(ids(await listRuns(scope, { taskId: nightly.id }, state()))).toEqual([runs.scheduled])
    expect((await listRuns(scope, { scriptId: 'no-such-script' }, state())).total).toBe(0)
  })

  it('never shows another tenant’s runs, not even for its script or task ids', async () => {
    const mine = await tenant()
    const theirs = await tenant()
    const all = await listRuns(theirs.scope, {}, state())
    expect(all.total).toBe(4)
    expect(ids(all)).not.toContain(mine.runs.adHoc)

    const asked = [{ scriptId: mine.backup.id }, { scriptId: mine.deploy.id }, { taskId: mine.nightly.id }]
    for (const list of asked) {
      expect(await listRuns(theirs.scope, list, state())).toEqual({ rows: [], total: 0 })
    }
    expect((await listRuns(theirs.scope, {}, state({ q: mine.runs.adHoc }))).total).toBe(0)

    // A run of theirs carrying my task's id (as no path in the app writes) still never reads my task's name.
    const forged = await run(
      theirs.scope,
      { scripts: [theirs.backup], taskId: mine.nightly.id },
      { type: 'webhook', id: null, label: 'hook' },
      { status: 'queued', createdAt: '2026-03-05T00:00:00Z' },
    )
    expect((await listRuns(theirs.scope, {}, state({ by: 'webhook' }))).rows).toMatchObject([
      { id: forged, taskName: null },
    ])
  })
})
