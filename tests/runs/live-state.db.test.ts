import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { runChanged } from '@/lib/engine/run-events'
import { watchLiveState } from '@/lib/runs/live-state'
import { memberTenant, runRow, targetRunRow } from '../support/engine-fixtures'

// Many views of one run share each read of its state (lib/runs/live-state.ts).

describe(`a run's shared live state (${process.env.FANOUT_TEST_DB})`, () => {
  it('serves every view one read until a change is announced, then reads again', async () => {
    const scope = await memberTenant('Shared')
    const run = await runRow(scope.tenantId, { status: 'running' })
    const alpha = await targetRunRow(run, 'alpha', { status: 'running' })
    const views = Array.from({ length: 50 }, () => watchLiveState(scope, run.id))
    const first = await Promise.all(views.map((v) => v.read()))
    expect(new Set(first).size).toBe(1)
    expect(first[0].targets.map((t) => [t.row.targetName, t.row.status])).toEqual([['alpha', 'running']])

    await db.targetRun.update({ where: { id: alpha.id }, data: { status: 'succeeded', exitCode: 0 } })
    runChanged(run.id)
    const second = await Promise.all(views.map((v) => v.read()))
    expect(new Set(second).size).toBe(1)
    expect(second[0]).not.toBe(first[0])
    expect(JSON.parse(second[0].targets[0].json)).toMatchObject({ status: 'succeeded', exitCode: 0 })

    // Unannounced (a run another replica executes): read again once the last read is 100 ms old.
    await db.run.update({ where: { id: run.id }, data: { status: 'succeeded' } })
    await new Promise((r) => setTimeout(r, 150))
    expect((await views[1].read()).run.status).toBe('succeeded')
    for (const v of views) v.release()
  })

  it("reads nothing of another tenant's run, whoever watches it too", async () => {
    const owner = await memberTenant('Owner')
    const stranger = await memberTenant('Stranger')
    const run = await runRow(owner.tenantId, { status: 'running' })
    const mine = watchLiveState(owner, run.id)
    const theirs = watchLiveState(stranger, run.id)
    expect((await mine.read()).run.status).toBe('running')
    await expect(theirs.read()).rejects.toThrow()
    mine.release()
    theirs.release()
  })
})
