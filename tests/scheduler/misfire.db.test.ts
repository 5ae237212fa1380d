import { afterAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { notifySchedulers, startScheduler } from '@/lib/scheduler'
import { firesOf, type Scheduler, secondAfter, sleepUntil, tenantForTasks } from './helpers'
import { until } from '../support/until'

let scheduler: Scheduler | undefined
afterAll(() => scheduler?.stop())

const start = async () => {
  scheduler = startScheduler({ syncMs: 60_000 })
  await scheduler.ready
}
const summary = async (taskId: string) =>
  (await firesOf(taskId)).map((f) => [f.scheduledFor.getTime(), f.outcome, f.runId ? 'run' : null])

describe(`fires missed while no server ran (${process.env.FANOUT_TEST_DB})`, () => {
  it('"run once" runs the latest missed fire at start, "skip" records it; a second restart adds nothing', async () => {
    const tenant = await tenantForTasks()
    // Three fires a minute, at seconds chosen from now: the first while the server runs, the
    // other two while it is down. The next one after them is a minute away.
    const first = secondAfter(1500).getTime()
    const [second, third] = [first + 2000, first + 3000]
    const cron = `${[first, second, third].map((t) => (t / 1000) % 60).join(',')} * * * * *`
    const runOnce = await tenant.task({ cron, misfire: 'run_once', overlap: 'allow' })
    const skip = await tenant.task({ cron, misfire: 'skip', overlap: 'allow' })

    await start()
    await until(
      'the first fire',
      async () => [...(await firesOf(runOnce.id)), ...(await firesOf(skip.id))],
      (fires) => fires.length === 2,
    )
    await scheduler!.stop()
    // Both later fires pass while no server runs; the last is well past the grace when it restarts.
    await sleepUntil(third + 3000)
    await start()

    expect(await summary(runOnce.id)).toEqual([
      [first, 'queued', 'run'],
      [third, 'queued', 'run'],
    ])
    expect(await summary(skip.id)).toEqual([
      [first, 'queued', 'run'],
      [third, 'skipped_misfire', null],
    ])
    expect(await db.run.count({ where: { taskId: runOnce.id } })).toBe(2)
    expect(await db.run.count({ where: { taskId: skip.id } })).toBe(1)
    for (const task of [runOnce, skip]) {
      const row = await db.task.findUniqueOrThrow({ where: { id: task.id } })
      expect(row.lastFireAt?.getTime()).toBe(third)
      expect(row.nextRunAt?.getTime()).toBe(first + 60_000)
    }

    await scheduler!.stop()
    await start()
    expect(await firesOf(runOnce.id)).toHaveLength(2)
    expect(await firesOf(skip.id)).toHaveLength(2)
  }, 30_000)

  it('a one-time task whose time passed while no server ran follows its misfire policy', async () => {
    await scheduler?.stop()
    const tenant = await tenantForTasks()
    const past = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000)
    const created = new Date(past.getTime() - 3600_000)
    // Tenant and tasks as they stood before the server stopped.
    await db.tenant.update({ where: { id: tenant.scope.tenantId }, data: { updatedAt: created } })
    const once = { type: 'once', cron: null, runAt: past, createdAt: created, updatedAt: created }
    const runOnce = await tenant.task({ ...once, misfire: 'run_once' })
    const skip = await tenant.task({ ...once, misfire: 'skip' })
    // Set in the past when created: there was never a time to fire.
    const late = await tenant.task({ ...once, createdAt: undefined, updatedAt: undefined })

    await start()
    expect(await summary(runOnce.id)).toEqual([[past.getTime(), 'queued', 'run']])
    expect(await summary(skip.id)).toEqual([[past.getTime(), 'skipped_misfire', null]])
    expect(await firesOf(late.id)).toEqual([])
    for (const task of [runOnce, skip, late]) {
      expect(await db.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
        nextRunAt: null,
        enabled: true,
      })
    }
    await notifySchedulers()
    expect(await db.taskFire.count({ where: { taskId: { in: [runOnce.id, skip.id, late.id] } } })).toBe(2)
  })
})
