import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { readTargetRunOutput } from '@/lib/engine/output'
import { notifySchedulers, startScheduler } from '@/lib/scheduler'
import { nextFires } from '@/lib/tasks/schedule'
import { type SshHost, startSshd } from '../support/sshd'
import { sleep } from '../support/processes'
import { firesOf, type Scheduler, secondAfter, sleepUntil, tenantForTasks } from './helpers'
import { until } from '../support/until'

// A server as it runs: scheduler and engine, tasks on a real sshd.
const syncMs = 1000
let host: SshHost
let engine: ReturnType<typeof startEngine>
let scheduler: Scheduler
beforeAll(async () => {
  host = await startSshd()
  engine = startEngine({ leaseMs: 5_000, maxSsh: 20, outputCap: 1 << 20, pollMs: 200 })
  scheduler = startScheduler({ syncMs })
  await scheduler.ready
})
afterAll(async () => {
  await scheduler?.stop()
  await engine?.stop()
  await host?.stop()
})

const yearly = '0 0 1 1 *'
const row = (id: string) => db.task.findUniqueOrThrow({ where: { id } })
const count = async (id: string) => (await firesOf(id)).length

describe.concurrent(`tasks on a running server (${process.env.FANOUT_TEST_DB})`, () => {
  it('changes take effect at once when notified, and within a sync when made elsewhere', async () => {
    const tenant = await tenantForTasks('true', host)
    const task = await tenant.task({ cron: yearly, overlap: 'allow' })
    await notifySchedulers(task.id)
    expect((await row(task.id)).nextRunAt).toEqual(nextFires(yearly, 'UTC', 1)[0])

    // Edited here: the next fire moves without a restart.
    await db.task.update({ where: { id: task.id }, data: { cron: '* * * * * *' } })
    await notifySchedulers(task.id)
    expect((await row(task.id)).nextRunAt!.getTime() - Date.now()).toBeLessThanOrEqual(1000)
    await until(
      'two fires',
      () => count(task.id),
      (n) => n >= 2,
      { ms: 3_000 },
    )

    // Disabled here: no fire after the notification returns.
    await db.task.update({ where: { id: task.id }, data: { enabled: false } })
    await notifySchedulers(task.id)
    const stopped = await count(task.id)
    expect((await row(task.id)).nextRunAt).toBeNull()
    await sleep(2_000)
    expect(await count(task.id)).toBe(stopped)

    // Enabled by another server (no notification here): fires resume by the next sync.
    await db.task.update({ where: { id: task.id }, data: { enabled: true } })
    await until(
      'fires to resume',
      () => count(task.id),
      (n) => n > stopped,
      { ms: syncMs + 2_000 },
    )

    // Rescheduled elsewhere to once a year: fires stop by the next sync, nextRunAt follows.
    await db.task.update({ where: { id: task.id }, data: { cron: yearly } })
    await sleep(syncMs + 1_000)
    const settled = await count(task.id)
    expect((await row(task.id)).nextRunAt).toEqual(nextFires(yearly, 'UTC', 1)[0])
    await sleep(2_000)
    expect(await count(task.id)).toBe(settled)
  }, 30_000)

  it('a task deleted elsewhere stops firing; one deleted here is dropped when notified', async () => {
    const tenant = await tenantForTasks('true', host)
    const elsewhere = await tenant.task({ overlap: 'allow' })
    const here = await tenant.task({ overlap: 'allow' })
    await notifySchedulers()
    await until(
      'both to fire',
      async () => [await count(elsewhere.id), await count(here.id)],
      (n) => n.every((c) => c > 0),
      { ms: 3_000 },
    )
    const logged = vi.spyOn(console, 'error')
    await db.task.delete({ where: { id: here.id } })
    await notifySchedulers(here.id)
    await db.task.delete({ where: { id: elsewhere.id } })
    // No notification for the other one: its next tick finds it gone, claims nothing, drops it.
    await sleep(syncMs + 1_500)
    expect(logged).not.toHaveBeenCalled()
    logged.mockRestore()
    expect(await db.taskFire.count({ where: { taskId: { in: [here.id, elsewhere.id] } } })).toBe(0)
    const next = await tenant.task({ overlap: 'allow' })
    await notifySchedulers(next.id)
    await until(
      'a new task to fire',
      () => count(next.id),
      (n) => n > 0,
      { ms: 3_000 },
    )
  }, 30_000)

  it('a one-time task runs on its targets at its time, then shows as done', async () => {
    const tenant = await tenantForTasks('echo "once on $FANOUT_TARGET_NAME"', host)
    const runAt = secondAfter(1500)
    const task = await tenant.task({ type: 'once', cron: null, runAt, timezone: 'Europe/Paris' })
    await notifySchedulers(task.id)
    expect((await row(task.id)).nextRunAt).toEqual(runAt)

    await sleepUntil(runAt)
    const [fire] = await until(
      'the fire',
      () => firesOf(task.id),
      (fires) => fires[0]?.runId != null,
    )
    expect(fire).toMatchObject({ scheduledFor: runAt, outcome: 'queued' })
    const run = await until(
      'the run to finish',
      () => db.run.findUniqueOrThrow({ where: { id: fire.runId! }, include: { targetRuns: true } }),
      (r) => r.finishedAt !== null,
    )
    expect(run).toMatchObject({ status: 'succeeded', taskId: task.id, triggeredByType: 'schedule' })
    expect(run.targetRuns.map((t) => [t.targetName, t.status, t.exitCode])).toEqual([['web-1', 'succeeded', 0]])
    expect((await readTargetRunOutput(tenant.scope, run.targetRuns[0].id))?.stdout).toBe('once on web-1\n')
    expect(await row(task.id)).toMatchObject({
      nextRunAt: null,
      lastFireAt: runAt,
      enabled: true,
      lastStatus: 'succeeded',
    })

    // Loaded again (as by a restart or another server), it finds nothing left to fire.
    await db.task.update({ where: { id: task.id }, data: { misfire: 'skip' } })
    await notifySchedulers(task.id)
    expect(await firesOf(task.id)).toHaveLength(1)
    expect(await db.run.count({ where: { taskId: task.id } })).toBe(1)
  })
})
