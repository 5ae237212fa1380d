import { beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { claimQueuedRun, interruptedMessage, interruptExpiredRuns, renewLeases } from '@/lib/engine/lease'
import { runRow, targetRunRow } from '../support/engine-fixtures'
import { makeTenant } from '../support/factories'

async function queueRuns(n: number) {
  const tenant = await makeTenant()
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const run = await runRow(tenant.id, { createdAt: new Date(Date.now() - (n - i) * 1000) })
    ids.push(run.id)
  }
  return { tenant, ids }
}

describe(`run claiming and leases (${process.env.FANOUT_TEST_DB})`, () => {
  // Claims take the oldest queued run of any tenant: each test starts with none.
  beforeEach(async () => {
    await db.run.deleteMany({})
  })

  it('gives every queued run to exactly one of several racing engines, oldest first', async () => {
    const { ids } = await queueRuns(12)
    const claimed: { owner: string; id: string }[] = []
    await Promise.all(
      ['engine-a', 'engine-b', 'engine-c'].map(async (owner) => {
        for (let id = await claimQueuedRun(owner, 30_000); id; id = await claimQueuedRun(owner, 30_000))
          claimed.push({ owner, id })
      }),
    )
    expect(claimed.map((c) => c.id).sort()).toEqual([...ids].sort())
    const rows = await db.run.findMany({ where: { id: { in: ids } } })
    for (const row of rows) {
      expect(row.status).toBe('running')
      expect(row.ownerId).toBe(claimed.find((c) => c.id === row.id)?.owner)
      expect(row.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now())
    }
    expect(await claimQueuedRun('engine-a', 30_000)).toBeNull()
  })

  it('claims the oldest first', async () => {
    const { ids } = await queueRuns(3)
    expect(await claimQueuedRun('solo', 30_000)).toBe(ids[0])
  })

  it("renews only the engine's own running runs", async () => {
    await queueRuns(2)
    const mine = (await claimQueuedRun('mine', 1_000))!
    const theirs = (await claimQueuedRun('theirs', 1_000))!
    expect(await renewLeases('mine', [mine, theirs], 60_000)).toEqual([mine])
    const [a, b] = await Promise.all([mine, theirs].map((id) => db.run.findUniqueOrThrow({ where: { id } })))
    expect(a.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50_000)
    expect(b.leaseExpiresAt!.getTime()).toBeLessThan(Date.now() + 2_000)
  })

  it('finishes a run whose lease expired as interrupted, with every unfinished target-run, and nothing else', async () => {
    const { tenant, ids } = await queueRuns(2)
    const dead = (await claimQueuedRun('crashed', 1))!
    const alive = (await claimQueuedRun('healthy', 60_000))!
    const targetRuns = await Promise.all(
      (['succeeded', 'failed', 'running', 'queued'] as const).map((status, i) =>
        targetRunRow({ id: dead, tenantId: tenant.id }, `t${i}`, { status }),
      ),
    )
    await targetRunRow({ id: alive, tenantId: tenant.id }, 'x', { status: 'running' })
    await new Promise((r) => setTimeout(r, 20))

    // Two engines notice at once: the run is finished exactly once.
    const [first, second] = await Promise.all([interruptExpiredRuns(), interruptExpiredRuns()])
    expect([...first, ...second]).toEqual([dead])

    const run = await db.run.findUniqueOrThrow({ where: { id: dead } })
    expect(run).toMatchObject({ status: 'interrupted', error: interruptedMessage, ownerId: null })
    expect(run.finishedAt).toBeInstanceOf(Date)
    const statuses = await db.targetRun.findMany({
      where: { runId: dead },
      orderBy: { targetId: 'asc' },
      select: { status: true },
    })
    expect(statuses.map((s) => s.status)).toEqual(['succeeded', 'failed', 'interrupted', 'interrupted'])
    expect(targetRuns).toHaveLength(4)

    expect((await db.run.findUniqueOrThrow({ where: { id: alive } })).status).toBe('running')
    expect(
      await db.run.count({ where: { id: { in: ids }, status: 'running', leaseExpiresAt: { lt: new Date() } } }),
    ).toBe(0)
  })
})
