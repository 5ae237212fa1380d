import { describe, expect, it } from 'vitest'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { failureStreak, RECENT_RUNS, recentRunDurations } from '@/lib/tasks/insights'
import { memberTenant, runRow } from '../support/engine-fixtures'

// The task page's recent runs: the last 50 in time order with their durations, and the
// failure streak warned about, over runs as an engine leaves them.

const base = Date.parse('2026-03-01T00:00:00Z')
const minute = 60_000

const task = (scope: Scope, name = 'Nightly') =>
  db.task.create({
    data: { tenantId: scope.tenantId, name, type: 'manual', parallelism: 1, timeoutSeconds: 60 },
    select: { id: true },
  })

/** A run of the task queued i minutes after base; started a second later and took tookS seconds unless live. */
async function run(scope: Scope, taskId: string, i: number, status: string, tookS = 10) {
  const createdAt = new Date(base + i * minute)
  const startedAt = status === 'queued' ? null : new Date(createdAt.getTime() + 1000)
  const finishedAt =
    startedAt && status !== 'running' && status !== 'queued' ? new Date(startedAt.getTime() + tookS * 1000) : null
  const row = await runRow(scope.tenantId, { kind: 'task', taskId, status, createdAt, startedAt, finishedAt })
  return row.id
}

describe(`task insights (${process.env.FANOUT_TEST_DB})`, () => {
  it('gives the last 50 runs oldest first, each with how long it took (to now while it runs)', async () => {
    const scope = await memberTenant('Insights order')
    const { id: taskId } = await task(scope)
    const { id: otherTask } = await task(scope, 'Other')
    const ids: string[] = []
    // Inserted out of time order: the order is by queue time, not by insertion.
    for (const i of [...Array(55).keys()].reverse()) ids[i] = await run(scope, taskId, i, 'succeeded', i)
    await run(scope, otherTask, 100, 'failed')
    const running = await run(scope, taskId, 60, 'running')
    const queued = await run(scope, taskId, 61, 'queued')

    const now = new Date(base + 60 * minute + 1000 + 42_000)
    const runs = await recentRunDurations(scope, taskId, now)
    expect(runs).toHaveLength(RECENT_RUNS)
    expect(runs.map((r) => r.id)).toEqual([...ids.slice(7), running, queued])
    expect(runs[0]).toMatchObject({ status: 'succeeded', durationMs: 7_000 })
    expect(runs.at(-3)).toMatchObject({ status: 'succeeded', durationMs: 54_000 })
    expect(runs.at(-2)).toMatchObject({ id: running, status: 'running', durationMs: 42_000, finishedAt: null })
    expect(runs.at(-1)).toMatchObject({ id: queued, status: 'queued', durationMs: null, startedAt: null })
  })

  it('warns of 3 or more failures in a row among finished runs, counted past the chart, to the latest', async () => {
    const scope = await memberTenant('Insights streak')
    const { id: taskId } = await task(scope)
    expect(await failureStreak(scope, taskId)).toBeNull()

    await run(scope, taskId, 0, 'failed')
    await run(scope, taskId, 1, 'succeeded')
    await run(scope, taskId, 2, 'failed')
    await run(scope, taskId, 3, 'timed_out')
    expect(await failureStreak(scope, taskId)).toBeNull()
    // A run still going neither counts nor breaks the streak.
    await run(scope, taskId, 4, 'running')
    const third = await run(scope, taskId, 5, 'failed')
    expect(await failureStreak(scope, taskId)).toEqual({ count: 3, latestRunId: third })
    const fourth = await run(scope, taskId, 6, 'failed')
    await run(scope, taskId, 7, 'queued')
    expect(await failureStreak(scope, taskId)).toEqual({ count: 4, latestRunId: fourth })
    expect(await failureStreak(scope, taskId, 5)).toBeNull()

    // A cancel is someone's choice, not the task's health: it ends the streak.
    await run(scope, taskId, 8, 'cancelled')
    expect(await failureStreak(scope, taskId)).toBeNull()

    let latest = ''
    for (let i = 9; i < 9 + 60; i++) latest = await run(scope, taskId, i, 'failed')
    expect(await failureStreak(scope, taskId)).toEqual({ count: 60, latestRunId: latest })
  })

  it('sees only its own tenant’s runs, even with another tenant’s task id', async () => {
    const scope = await memberTenant('Insights home')
    const rival = await memberTenant('Insights rival')
    const { id: taskId } = await task(scope)
    for (let i = 0; i < 3; i++) await run(scope, taskId, i, 'failed')
    // A rival's rows claiming the same task id (a forged or stale id) stay invisible both ways.
    for (let i = 3; i < 8; i++) await run(rival, taskId, i, 'succeeded')

    expect((await recentRunDurations(scope, taskId)).map((r) => r.status)).toEqual(['failed', 'failed', 'failed'])
    expect(await failureStreak(scope, taskId)).toMatchObject({ count: 3 })
    expect(await recentRunDurations(rival, taskId)).toHaveLength(5)
    expect(await failureStreak(rival, taskId)).toBeNull()
    expect(await recentRunDurations({ tenantId: rival.tenantId }, 'no-such-task')).toEqual([])
  })
})
