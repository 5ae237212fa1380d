import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import { rerun } from '@/lib/runs/rerun'
import { searchRunOutput } from '@/lib/runs/search-output'
import {
  type EngineScope,
  engineTarget,
  engineTenant,
  limits,
  queueRun,
  scriptStep,
  waitForRun,
} from '../support/engine-fixtures'
import { type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let engine: ReturnType<typeof startEngine>
let scope: EngineScope
let targets: RunSnapshot['targets']
const user = { type: 'user' as const, id: 'u1', label: 'Ada' }

beforeAll(async () => {
  host = await startSshd()
  scope = await engineTenant(host)
  targets = [
    await engineTarget(scope, host, 'web-1'),
    await engineTarget(scope, host, 'web-2'),
    await engineTarget(scope, host, 'db-1'),
  ]
  engine = startEngine({ leaseMs: 5_000, maxSsh: 10, outputCap: 1 << 20, pollMs: 100 })
})

afterAll(async () => {
  await engine?.stop()
  await host?.stop()
})

// Fails on the db-* targets only, printing which host it ran on.
const script =
  'echo "hello from $FANOUT_TARGET_NAME"; case $FANOUT_TARGET_NAME in db-*) echo "disk FULL" >&2; exit 3;; esac'

async function finishedRun() {
  const run = await queueRun(scope, { steps: [scriptStep(script)], targets, limits: limits() }, 'queued')
  await waitForRun(run.id)
  return run
}

describe(`re-runs and output search (${process.env.FANOUT_TEST_DB})`, () => {
  it('re-runs only the failed targets with the same snapshot, linked to the original', async () => {
    const run = await finishedRun()
    const again = await rerun(scope, run.id, 'failed', user)
    expect(again).toMatchObject({ ok: true, targets: 1 })
    if (!again.ok) return
    const copy = await db.run.findUniqueOrThrow({ where: { id: again.runId } })
    expect(copy).toMatchObject({ rerunOfId: run.id, triggeredByLabel: 'Ada' })
    const snapshot = JSON.parse(copy.snapshot) as RunSnapshot
    expect(snapshot.targets.map((t) => t.name)).toEqual(['db-1'])
    expect(snapshot.steps).toEqual((JSON.parse(run.snapshot) as RunSnapshot).steps)
    const done = await waitForRun(again.runId)
    expect(done.status).toBe('failed')
  })

  it('re-runs all targets, and refuses a failed-only re-run when nothing failed or of another tenant', async () => {
    const run = await finishedRun()
    const all = await rerun(scope, run.id, 'all', user)
    expect(all).toMatchObject({ ok: true, targets: 3 })
    const good = await queueRun(scope, { steps: [scriptStep('true')], targets, limits: limits() }, 'queued')
    await waitForRun(good.id)
    expect(await rerun(scope, good.id, 'failed', user)).toEqual({ ok: false, error: 'No target failed in this run.' })
    const other = await engineTenant(host)
    expect(await rerun(other, run.id, 'all', user)).toEqual({ ok: false, error: 'Not found.' })
  })

  it('finds the targets whose output contains a text, case-insensitively, in stdout or stderr', async () => {
    const run = await finishedRun()
    const byName = new Map(
      (await db.targetRun.findMany({ where: { runId: run.id } })).map((t) => [t.id, t.targetName] as const),
    )
    const names = async (q: string) => (await searchRunOutput(scope, run.id, q)).map((id) => byName.get(id)).sort()
    expect(await names('disk full')).toEqual(['db-1'])
    expect(await names('HELLO FROM WEB')).toEqual(['web-1', 'web-2'])
    expect(await names('nowhere')).toEqual([])
    const other = await engineTenant(host)
    expect(await searchRunOutput(other, run.id, 'hello')).toEqual([])
  })

  it('gives identical results one output hash and different ones another', async () => {
    const run = await finishedRun()
    const rows = await db.targetRun.findMany({ where: { runId: run.id }, orderBy: { targetName: 'asc' } })
    const [db1, web1, web2] = rows
    expect(db1).toMatchObject({ status: 'failed', exitCode: 3 })
    // The outputs name their host, so each differs.
    expect(new Set(rows.map((r) => r.outputHash)).size).toBe(3)
    expect(web1.outputHash).not.toBe(web2.outputHash)
  })
})
