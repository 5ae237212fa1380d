import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { watchLiveState } from '@/lib/runs/live-state'
import { mark } from '@/lib/runs/shared-read'
import { memberTenant, runRow, targetRunRow } from '../support/engine-fixtures'

// Many views of one run share each read of its state (lib/runs/live-state.ts).

describe(`a run's shared live state (${process.env.FANOUT_TEST_DB})`, () => {
  it('serves the views that ask together one read, and a view that asks later a read made after it asked', async () => {
    const scope = await memberTenant('Shared')
    const run = await runRow(scope.tenantId, { status: 'running' })
    const alpha = await targetRunRow(run, 'alpha', { status: 'running' })
    const views = Array.from({ length: 50 }, () => watchLiveState(scope, run.id))
    const woken = mark()
    const first = await Promise.all(views.map((v) => v.read(woken)))
    expect(new Set(first).size).toBe(1)
    expect(first[0].targets.map((t) => [t.row.targetName, t.row.status])).toEqual([['alpha', 'running']])

    await db.targetRun.update({ where: { id: alpha.id }, data: { status: 'succeeded', exitCode: 0 } })
    const again = mark()
    const second = await Promise.all(views.map((v) => v.read(again)))
    expect(new Set(second).size).toBe(1)
    expect(JSON.parse(second[0].targets[0].json)).toMatchObject({ status: 'succeeded', exitCode: 0 })
    // A view still looking from before the change may be given the read it already had.
    expect(await views[0].read(woken)).toBe(second[0])
    for (const v of views) v.release()
  })

  it("reads nothing of another tenant's run, whoever watches it too", async () => {
    const owner = await memberTenant('Owner')
    const stranger = await memberTenant('Stranger')
    const run = await runRow(owner.tenantId, { status: 'running' })
    const mine = watchLiveState(owner, run.id)
    const theirs = watchLiveState(stranger, run.id)
    expect((await mine.read(mark())).run.status).toBe('running')
    await expect(theirs.read(mark())).rejects.toThrow()
    mine.release()
    theirs.release()
  })
})
