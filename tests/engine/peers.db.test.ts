import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { engineVitals, startEngine } from '@/lib/engine/engine'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import { type EngineScope, engineTarget, engineTenant, limits, scriptStep } from '../support/engine-fixtures'
import { type SshHost, startSshd } from '../support/sshd'

// Engines on one database (replicas, here in one process) share a burst of queued runs, and
// an engine keeps its own runs whatever its pace.

let host: SshHost
let scope: EngineScope
let targets: RunSnapshot['targets']
let engines: ReturnType<typeof startEngine>[] = []

beforeAll(async () => {
  host = await startSshd()
  scope = await engineTenant(host)
  targets = [await engineTarget(scope, host, 'box')]
})

/** Cancels what is left and stops the engines. */
async function stopAll() {
  await db.run.updateMany({ where: { status: 'queued' }, data: { status: 'cancelled' } })
  await db.run.updateMany({ where: { status: 'running' }, data: { cancelRequestedAt: new Date() } })
  await waitFor(async () => (await db.run.count({ where: { status: 'running' } })) === 0)
  await Promise.all(engines.map((e) => e.stop()))
  engines = []
}

afterEach(stopAll)

afterAll(async () => {
  await host?.stop()
})

async function waitFor(check: () => Promise<boolean>, ms = 15_000) {
  for (const end = Date.now() + ms; !(await check()); await new Promise((r) => setTimeout(r, 50)))
    if (Date.now() > end) throw new Error(`still not so after ${ms} ms`)
}

/** Engines that have said they are alive (on their first tick). */
async function startEngines(count: number, { maxRuns, pollMs = 200 }: { maxRuns?: number; pollMs?: number } = {}) {
  const started = Array.from({ length: count }, () =>
    startEngine({ leaseMs: 5_000, maxSsh: 50, outputCap: 1 << 20, pollMs, maxRuns }),
  )
  engines.push(...started)
  await waitFor(async () => (await db.engine.count({ where: { id: { in: started.map((e) => e.ownerId) } } })) === count)
  return started
}

/** `count` runs queued in one statement, as a burst of scheduled fires or API calls would be. */
async function queueBurst(count: number) {
  const snapshot = JSON.stringify({ steps: [scriptStep('sleep 4\n')], targets, limits: limits() })
  const data = Array.from({ length: count }, () => ({
    tenantId: scope.tenantId,
    kind: 'script',
    snapshot,
    triggeredByType: 'user',
    status: 'queued',
  }))
  await db.run.createMany({ data })
}

/** Once all `count` runs run: how many each engine holds, by owner. */
async function spread(count: number) {
  await waitFor(async () => (await db.run.count({ where: { status: 'running' } })) === count)
  const rows = await db.run.findMany({ where: { status: 'running' }, select: { ownerId: true } })
  const byOwner: Record<string, number> = {}
  for (const { ownerId } of rows) byOwner[ownerId!] = (byOwner[ownerId!] ?? 0) + 1
  return byOwner
}

describe(`engines sharing queued runs (${process.env.FANOUT_TEST_DB})`, () => {
  it('splits a burst of nine runs three ways across three engines', async () => {
    const three = await startEngines(3)
    await queueBurst(9)
    expect(await spread(9)).toEqual(Object.fromEntries(three.map((e) => [e.ownerId, 3])))
  })

  it('gives a lone engine the whole burst in one tick', async () => {
    // Ticks 2 s apart: a run claimed per tick would start 10 s after the first.
    const [one] = await startEngines(1, { pollMs: 2_000 })
    await queueBurst(6)
    expect(await spread(6)).toEqual({ [one.ownerId]: 6 })
    const starts = (await db.run.findMany({ where: { status: 'running' } })).map((r) => r.startedAt!.getTime())
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(1_500)
  })

  it('counts neither a dead engine nor a full one, and leaves the table when stopped', async () => {
    const now = Date.now()
    await db.engine.createMany({
      data: [
        { id: 'dead', runs: 0, maxRuns: 20, aliveUntil: new Date(now - 1_000) },
        { id: 'full', runs: 2, maxRuns: 2, aliveUntil: new Date(now + 60_000) },
      ],
    })
    const [one] = await startEngines(1, { maxRuns: 4 })
    await queueBurst(5)
    // Up to its own limit, and the fifth waits for a free slot.
    expect(await spread(4)).toEqual({ [one.ownerId]: 4 })
    expect(await db.run.count({ where: { status: 'queued' } })).toBe(1)
    await stopAll()
    expect(await db.engine.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).toEqual([
      { id: 'dead' },
      { id: 'full' },
    ])
    await db.engine.deleteMany()
  })

  it('keeps running its own run whose lease ran out between two of its ticks', async () => {
    // Ticks only when poked: nothing of it runs while the lease is made to run out.
    const [one] = await startEngines(1, { pollMs: 60_000 })
    await waitFor(async () => engineVitals()[0].lastTickAt !== null)
    await queueBurst(1)
    // A whole tick (none is under way): it claims the run.
    await one.poke()
    expect(await db.run.count({ where: { status: 'running' } })).toBe(1)
    // As if this tick came later than the lease on a loaded server.
    await db.run.updateMany({ where: { status: 'running' }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } })
    await one.poke()
    const run = await db.run.findFirstOrThrow({ where: { ownerId: one.ownerId } })
    expect(run.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now())
    await waitFor(async () => (await db.run.count({ where: { status: 'running' } })) === 0)
    expect(await db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: 'succeeded',
      error: null,
    })
  })
})
