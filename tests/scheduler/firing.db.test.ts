import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { notifySchedulers, startScheduler } from '@/lib/scheduler'
import { sleep } from '../support/processes'
import { firesOf, type Scheduler, sleepUntil, tenantForTasks } from './helpers'
import { until } from '../support/until'

// Two schedulers on one database, as two servers would run them; no engine: a queued Run
// row is what a fire leaves behind. Each scheduler notes the fires it tried to claim.
const attempts = [new Map<string, string>(), new Map<string, string>()]
let schedulers: Scheduler[] = []
let tenant: Awaited<ReturnType<typeof tenantForTasks>>
beforeAll(async () => {
  schedulers = attempts.map((seen) =>
    startScheduler({
      syncMs: 60_000,
      onFire: (f) => seen.set(`${f.taskId} ${f.scheduledFor.getTime()}`, f.outcome ?? 'taken'),
    }),
  )
  await Promise.all(schedulers.map((s) => s.ready))
  tenant = await tenantForTasks()
})
afterAll(() => Promise.all(schedulers.map((s) => s.stop())))

const runsOf = (taskId: string) => db.run.findMany({ where: { taskId }, orderBy: { createdAt: 'asc' } })

async function longRun(taskId: string) {
  return db.run.create({
    data: {
      tenantId: tenant.scope.tenantId,
      kind: 'task',
      taskId,
      status: 'running',
      snapshot: '{}',
      triggeredByType: 'user',
      startedAt: new Date(),
    },
  })
}

describe.concurrent(`scheduled fires (${process.env.FANOUT_TEST_DB})`, () => {
  it('a task firing every second for 10 s queues 10 runs: one per second, none twice', async () => {
    const task = await tenant.task({ overlap: 'allow' })
    await notifySchedulers(task.id)
    await sleepUntil(task.createdAt.getTime() + 10_000)
    await db.task.update({ where: { id: task.id }, data: { enabled: false } })
    const disabledAt = Date.now()
    await notifySchedulers(task.id)

    const fires = await firesOf(task.id)
    const runs = await runsOf(task.id)
    // Fires fall on whole seconds in (created, disabled], a span of 10 s plus the ms the
    // update took: 10 of them; 11 if those ms crossed a second; 9 if the last second's claim
    // came after the update (claims check the task first) — the ±1 at the edges.
    const seconds = fires.map((f) => f.scheduledFor.getTime())
    const expected: number[] = []
    for (let t = Math.floor(task.createdAt.getTime() / 1000) * 1000 + 1000; t <= disabledAt; t += 1000) expected.push(t)
    expect(expected.length === 10 || expected.length === 11).toBe(true)
    expect(seconds).toEqual(seconds.length === expected.length ? expected : expected.slice(0, -1))
    expect(fires.every((f) => f.outcome === 'queued' && f.runId)).toBe(true)
    expect(runs.map((r) => r.id).sort()).toEqual(fires.map((f) => f.runId).sort())
    expect(runs.every((r) => r.triggeredByType === 'schedule' && r.triggeredByLabel === 'Schedule')).toBe(true)
    // Each run the schedule started is in the audit log, as started by the schedule.
    const audited = await db.auditEvent.findMany({
      where: { action: 'run.start', actorType: 'schedule', actorId: task.id },
    })
    expect(audited.map((a) => a.targetId).sort()).toEqual(runs.map((r) => r.id).sort())
    // Both schedulers tried every fire and exactly one won each (the last aside: the disabling
    // may reach one scheduler just before its job ticks, and the other claims it alone).
    for (const t of seconds.slice(0, -1)) {
      expect(attempts.map((seen) => seen.get(`${task.id} ${t}`)).sort()).toEqual(['queued', 'taken'])
    }

    const after = await db.task.findUniqueOrThrow({ where: { id: task.id } })
    expect(after.lastFireAt).toEqual(fires.at(-1)!.scheduledFor)
    expect(after.nextRunAt).toBeNull()
    expect(after.lastRunId).toBe(fires.at(-1)!.runId)
  }, 30_000)

  it('overlap "skip": fires while a run is live are recorded as skipped; "allow" queues regardless', async () => {
    const skip = await tenant.task({ overlap: 'skip' })
    const allow = await tenant.task({ overlap: 'allow' })
    const longSkip = await longRun(skip.id)
    await longRun(allow.id)
    await notifySchedulers()
    await sleep(2_500)

    const skipped = await firesOf(skip.id)
    expect(skipped.length).toBeGreaterThanOrEqual(2)
    expect(skipped.map((f) => [f.outcome, f.runId])).toEqual(skipped.map(() => ['skipped_overlap', null]))
    expect(await runsOf(skip.id)).toHaveLength(1)
    // A fire is recorded before its run is queued: wait out the one that may be in flight.
    await until(
      'every fire of "allow" with its run',
      () => firesOf(allow.id),
      (fires) => fires.length >= 2 && fires.every((f) => f.outcome === 'queued' && f.runId),
    )

    // The long run ends: the next fire queues a run, which (no engine takes it) is live in turn.
    await db.run.update({ where: { id: longSkip.id }, data: { status: 'succeeded', finishedAt: new Date() } })
    const ended = new Date()
    await until(
      'a queued fire',
      () => firesOf(skip.id),
      (fires) => fires.some((f) => f.outcome === 'queued'),
    )
    await sleep(2_000)
    await db.task.update({ where: { id: skip.id }, data: { enabled: false } })
    await db.task.update({ where: { id: allow.id }, data: { enabled: false } })
    await notifySchedulers()
    // A fire due after the end checks for a live run after it (an earlier one may still be claiming).
    const since = (await firesOf(skip.id)).filter((f) => f.scheduledFor > ended)
    expect(since.map((f) => f.outcome)).toEqual(['queued', ...since.slice(1).map(() => 'skipped_overlap')])
    expect(since.length).toBeGreaterThanOrEqual(3)
    expect(await runsOf(skip.id)).toHaveLength(2)
    // Every fire of "allow" queued a run; one disabled mid-fire may still be inserting it.
    await until(
      'a run per fire',
      async () => [(await runsOf(allow.id)).length, (await firesOf(allow.id)).length],
      ([runs, fires]) => runs === fires + 1,
    )
  }, 30_000)

  it('a fire whose run cannot be queued is recorded as failed, with the reason', async () => {
    const task = await tenant.task({ labels: '["nowhere"]' }, { onTarget: false })
    await notifySchedulers(task.id)
    await until(
      'a fire',
      () => firesOf(task.id),
      (fires) => fires.length > 0,
    )
    await db.task.update({ where: { id: task.id }, data: { enabled: false } })
    // Resolves once the claims under way are done: the fire's outcome is final.
    await notifySchedulers(task.id)
    const [fire] = await firesOf(task.id)
    expect(fire).toMatchObject({ outcome: 'failed', runId: null, error: 'No target carries the chosen labels.' })
    expect(await runsOf(task.id)).toHaveLength(0)
  })
})
