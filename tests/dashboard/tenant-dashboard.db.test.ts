import { beforeAll, describe, expect, it } from 'vitest'
import { tenantCounts } from '@/lib/dashboard/admin'
import { tenantDashboard } from '@/lib/dashboard/queries'
import { db } from '@/lib/db'
import { systemFigures } from '@/lib/metrics/figures'
import { runRow, targetRunRow } from '../support/engine-fixtures'
import { makeTenant } from '../support/factories'

// The tenant home's and the system admin home's figures, from rows written straight into the
// database with known days, statuses and durations. "Now" is fixed well after the rows any
// other code writes, so only the rows a test places count. A noise tenant holds rows that
// would change every figure if a query forgot its tenant.

const now = new Date('2030-06-15T12:00:00.000Z')
const at = (iso: string) => new Date(iso)
const secondsAfter = (from: Date, s: number) => new Date(from.getTime() + s * 1000)

/** A finished run queued at `createdAt` that took `seconds`. */
function finishedRun(tenantId: string, createdAt: Date, status: string, seconds: number, taskId?: string) {
  return runRow(tenantId, {
    status,
    createdAt,
    startedAt: createdAt,
    finishedAt: secondsAfter(createdAt, seconds),
    taskId,
  })
}

const targetRow = (tenantId: string, name: string, status = 'unknown') =>
  db.target.create({
    data: { tenantId, name, host: `${name}.test`, username: 'ops', credentialType: 'password', status },
  })

const taskRow = (tenantId: string, name: string, data: { enabled?: boolean; nextRunAt?: Date | null } = {}) =>
  db.task.create({
    data: { tenantId, name, type: 'cron', cron: '0 * * * *', parallelism: 1, timeoutSeconds: 60, ...data },
  })

let noise: { id: string }

beforeAll(async () => {
  noise = await makeTenant('Noise')
  const task = await taskRow(noise.id, 'noisy', { nextRunAt: at('2030-06-15T11:00:00Z') })
  const target = await targetRow(noise.id, 'noisy-box', 'auth_failed')
  await targetRow(noise.id, 'noisy-2', 'online')
  await targetRow(noise.id, 'noisy-3', 'online')
  for (let i = 0; i < 3; i++) {
    const run = await finishedRun(noise.id, at('2030-06-15T08:00:00Z'), 'failed', 1000, task.id)
    await targetRunRow(run, target.id, { status: 'failed', createdAt: run.createdAt })
  }
  await runRow(noise.id, { status: 'queued', createdAt: at('2030-06-15T09:00:00Z') })
})

describe(`tenant home figures (${process.env.FANOUT_TEST_DB})`, () => {
  it('counts runs per UTC day by status over 30 days, the success rate and median / p95 duration', async () => {
    const { id: tenantId } = await makeTenant('Days')
    await finishedRun(tenantId, at('2030-06-15T00:10:00Z'), 'succeeded', 1)
    await finishedRun(tenantId, at('2030-06-15T11:59:00Z'), 'succeeded', 2)
    await finishedRun(tenantId, at('2030-06-15T03:00:00Z'), 'failed', 10)
    await runRow(tenantId, { status: 'running', createdAt: at('2030-06-15T11:00:00Z'), startedAt: now })
    await finishedRun(tenantId, at('2030-06-14T23:59:59.999Z'), 'succeeded', 3)
    await finishedRun(tenantId, at('2030-06-14T10:00:00Z'), 'timed_out', 60)
    await finishedRun(tenantId, at('2030-06-14T10:00:00Z'), 'cancelled', 5)
    // The window's first day starts at midnight UTC 29 days back; a run a millisecond earlier is out.
    await finishedRun(tenantId, at('2030-05-17T00:00:00.000Z'), 'succeeded', 4)
    await finishedRun(tenantId, at('2030-05-16T23:59:59.999Z'), 'failed', 1000)

    const { window, runs, durations } = await tenantDashboard({ tenantId }, now)
    expect(window.days).toHaveLength(30)
    expect(window.days[0]).toBe('2030-05-17')
    expect(window.days[29]).toBe('2030-06-15')
    const day = (d: string) => runs.days.find((x) => x.day === d)?.counts
    expect(day('2030-06-15')).toEqual({ succeeded: 2, failed: 1, running: 1 })
    expect(day('2030-06-14')).toEqual({ succeeded: 1, timed_out: 1, cancelled: 1 })
    expect(day('2030-05-17')).toEqual({ succeeded: 1 })
    expect(day('2030-06-01')).toEqual({})
    expect(runs.total).toBe(8)
    expect(runs.finished).toBe(7)
    expect(runs.succeeded).toBe(4)
    expect(runs.successRate).toBeCloseTo(4 / 7)
    // Finished runs in the window took 1, 2, 3, 4, 5, 10 and 60 s; the running one has no end yet.
    expect(durations.sampled).toBe(7)
    expect(durations.medianMs).toBe(4000)
    expect(durations.p95Ms).toBe(45_000)
  })

  it('says nothing of success or durations before any run finished', async () => {
    const { id: tenantId } = await makeTenant('Empty')
    const { runs, durations, failingTargets, failingTasks, nextFires, live } = await tenantDashboard({ tenantId }, now)
    expect(runs).toMatchObject({ total: 0, finished: 0, successRate: null })
    expect(durations).toEqual({ sampled: 0, medianMs: null, p95Ms: null })
    expect([failingTargets, failingTasks, nextFires, live.rows]).toEqual([[], [], [], []])
  })

  it('lists the 10 targets with the most failed target-runs in the window, deleted ones by their recorded name', async () => {
    const { id: tenantId } = await makeTenant('Targets')
    const inWindow = at('2030-06-10T10:00:00Z')
    const run = await finishedRun(tenantId, inWindow, 'failed', 1)
    const web1 = await targetRow(tenantId, 'web-1')
    const web2 = await targetRow(tenantId, 'web-2')
    const steady = await targetRow(tenantId, 'steady')
    const fail = (targetId: string, status: string, step: number, createdAt = inWindow) =>
      db.targetRun.create({
        data: { runId: run.id, tenantId, stepIndex: step, targetId, targetName: targetId, status, createdAt },
      })
    for (let step = 0; step < 3; step++) await fail(web1.id, 'failed', step)
    await fail(web2.id, 'connect_failed', 0)
    await fail(web2.id, 'timed_out', 1)
    for (let step = 0; step < 4; step++) await fail('deleted-target', 'interrupted', step)
    await db.targetRun.updateMany({ where: { targetId: 'deleted-target' }, data: { targetName: 'old-box' } })
    // Not failures, or not in the window: they change nothing.
    for (let step = 0; step < 5; step++) await fail(steady.id, ['succeeded', 'cancelled', 'skipped'][step % 3], step)
    for (let step = 3; step < 9; step++) await fail(web2.id, 'failed', step, at('2030-05-01T00:00:00Z'))
    for (let i = 0; i < 9; i++) {
      const once = await targetRow(tenantId, `once-${i}`)
      await fail(once.id, 'failed', 0)
    }

    const { failingTargets } = await tenantDashboard({ tenantId }, now)
    expect(failingTargets).toHaveLength(10)
    expect(failingTargets.slice(0, 3)).toEqual([
      { id: 'deleted-target', name: 'old-box', exists: false, failures: 4 },
      { id: web1.id, name: 'web-1', exists: true, failures: 3 },
      { id: web2.id, name: 'web-2', exists: true, failures: 2 },
    ])
    expect(failingTargets.slice(3).every((t) => t.failures === 1 && t.name.startsWith('once-') && t.exists)).toBe(true)
    expect(failingTargets.some((t) => t.name === 'steady')).toBe(false)
  })

  it('lists the 10 tasks with the most failed runs in the window', async () => {
    const { id: tenantId } = await makeTenant('Tasks')
    const inWindow = at('2030-06-12T10:00:00Z')
    const alpha = await taskRow(tenantId, 'alpha')
    const beta = await taskRow(tenantId, 'beta')
    const calm = await taskRow(tenantId, 'calm')
    for (const status of ['failed', 'timed_out', 'interrupted'])
      await finishedRun(tenantId, inWindow, status, 1, alpha.id)
    await finishedRun(tenantId, inWindow, 'failed', 1, beta.id)
    await finishedRun(tenantId, inWindow, 'succeeded', 1, beta.id)
    await finishedRun(tenantId, inWindow, 'cancelled', 1, calm.id)
    await finishedRun(tenantId, at('2030-05-01T00:00:00Z'), 'failed', 1, calm.id)
    await finishedRun(tenantId, inWindow, 'failed', 1)
    for (let i = 0; i < 2; i++) await finishedRun(tenantId, inWindow, 'failed', 1, 'deleted-task')
    for (let i = 0; i < 9; i++) {
      const once = await taskRow(tenantId, `once-${i}`)
      await finishedRun(tenantId, inWindow, 'failed', 1, once.id)
    }

    const { failingTasks } = await tenantDashboard({ tenantId }, now)
    expect(failingTasks).toHaveLength(10)
    expect(failingTasks.slice(0, 2)).toEqual([
      { id: alpha.id, name: 'alpha', failures: 3 },
      { id: 'deleted-task', name: null, failures: 2 },
    ])
    expect(failingTasks.slice(2).every((t) => t.failures === 1)).toBe(true)
    expect(failingTasks.some((t) => t.name === 'calm')).toBe(false)
  })

  it('counts targets by connection status, every status present', async () => {
    const { id: tenantId } = await makeTenant('Fleet')
    for (const [name, status] of [
      ['a', 'online'],
      ['b', 'online'],
      ['c', 'unreachable'],
      ['d', 'timeout'],
      ['e', 'host_key_mismatch'],
      ['f', 'unknown'],
    ]) {
      await targetRow(tenantId, name, status)
    }
    const { targetsByStatus } = await tenantDashboard({ tenantId }, now)
    expect(targetsByStatus).toEqual({
      unknown: 1,
      online: 2,
      unreachable: 1,
      timeout: 1,
      auth_failed: 0,
      host_key_mismatch: 1,
      proxy_failed: 0,
    })
  })

  it('lists the next 10 fires of enabled tasks, soonest first', async () => {
    const { id: tenantId } = await makeTenant('Fires')
    const hour = (h: number) => new Date(now.getTime() + h * 3_600_000)
    for (let h = 12; h >= 1; h--) await taskRow(tenantId, `every-${String(h).padStart(2, '0')}`, { nextRunAt: hour(h) })
    await taskRow(tenantId, 'paused', { enabled: false, nextRunAt: hour(0.5) })
    await taskRow(tenantId, 'manual', { nextRunAt: null })
    const { nextFires } = await tenantDashboard({ tenantId }, now)
    expect(nextFires.map((f) => f.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `every-${String(i + 1).padStart(2, '0')}`),
    )
    expect(nextFires[0].nextRunAt).toEqual(hour(1))
  })

  it('shows the runs in progress, newest first', async () => {
    const { id: tenantId } = await makeTenant('Live')
    const queued = await runRow(tenantId, { status: 'queued', createdAt: at('2030-06-15T11:00:00Z') })
    const running = await runRow(tenantId, { status: 'running', createdAt: at('2030-06-15T10:00:00Z'), startedAt: now })
    await finishedRun(tenantId, at('2030-06-15T11:30:00Z'), 'succeeded', 1)
    const { live } = await tenantDashboard({ tenantId }, now)
    expect(live.total).toBe(2)
    expect(live.rows.map((r) => [r.id, r.status])).toEqual([
      [queued.id, 'queued'],
      [running.id, 'running'],
    ])
  })
})

describe(`system admin home figures (${process.env.FANOUT_TEST_DB})`, () => {
  it('counts each tenant’s targets, tasks, runs today (UTC) and failures today', async () => {
    const { id: tenantId } = await makeTenant('Counted')
    await targetRow(tenantId, 'one')
    await taskRow(tenantId, 'job')
    await taskRow(tenantId, 'job-2')
    await finishedRun(tenantId, at('2030-06-15T00:00:00Z'), 'succeeded', 1)
    await finishedRun(tenantId, at('2030-06-15T01:00:00Z'), 'timed_out', 1)
    await finishedRun(tenantId, at('2030-06-14T23:59:59Z'), 'failed', 1)
    const rows = await tenantCounts(now)
    expect(rows.find((r) => r.id === tenantId)).toMatchObject({ targets: 1, tasks: 2, runsToday: 2, failuresToday: 1 })
    expect(rows.find((r) => r.id === noise.id)).toMatchObject({ targets: 3, tasks: 1, runsToday: 4, failuresToday: 3 })
  })

  it('reads the queue depth, scheduler lag and SSH connections the metrics export', async () => {
    const queued = await db.run.count({ where: { status: 'queued' } })
    const task = await db.task.findFirstOrThrow({ where: { tenantId: noise.id } })
    await db.taskFire.create({
      data: { taskId: task.id, tenantId: noise.id, scheduledFor: new Date(Date.now() - 3000), outcome: 'queued' },
    })
    const figures = await systemFigures()
    expect(figures.queueDepth).toBe(queued)
    expect(figures.queueDepth).toBeGreaterThan(0)
    expect(figures.schedulerLagSeconds).toBeGreaterThanOrEqual(3)
    expect(figures.schedulerLagSeconds).toBeLessThan(30)
    expect(figures.sshConnections).toBe(0)
  })
})
