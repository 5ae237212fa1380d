import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { readTargetRunOutput } from '@/lib/engine/output'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import {
  type EngineScope,
  engineTarget,
  engineTenant,
  limits,
  queueRun,
  runRow,
  scriptStep,
  targetRunRow,
  waitForRun,
} from '../support/engine-fixtures'
import { type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let engine: ReturnType<typeof startEngine>
let scope: EngineScope
let targets: RunSnapshot['targets']

beforeAll(async () => {
  host = await startSshd()
  scope = await engineTenant(host)
  targets = [await engineTarget(scope, host, 'box')]
  engine = startEngine({ leaseMs: 2_000, maxSsh: 10, outputCap: 1 << 20, pollMs: 100 })
})

afterAll(async () => {
  await engine?.stop()
  await host?.stop()
})

const queue = (content: string) =>
  queueRun(
    scope,
    { steps: [scriptStep(content)], targets, limits: limits({ parallelism: 4, timeoutSeconds: 60 }) },
    'queued',
  )

describe(`the engine loop (${process.env.FANOUT_TEST_DB})`, () => {
  it('claims a queued run, executes it and finishes it with its output stored', async () => {
    const run = await queue('echo engine says hi\n')
    const finished = await waitForRun(run.id)
    expect(finished).toMatchObject({ status: 'succeeded', ownerId: null })
    expect(finished.startedAt).toBeInstanceOf(Date)
    const tr = await db.targetRun.findFirstOrThrow({ where: { runId: run.id } })
    expect((await readTargetRunOutput(scope, tr.id))?.stdout).toBe('engine says hi\n')
  })

  it('finishes a run whose engine died as interrupted, never leaving it running', async () => {
    const run = await runRow(scope.tenantId, {
      status: 'running',
      ownerId: 'dead-engine',
      leaseExpiresAt: new Date(Date.now() - 1000),
    })
    await targetRunRow(run, 'x', { status: 'running' })
    expect((await waitForRun(run.id)).status).toBe('interrupted')
    expect((await db.targetRun.findFirstOrThrow({ where: { runId: run.id } })).status).toBe('interrupted')
  })

  it('cancels a running run when asked, killing its script', async () => {
    // Its own length per project: the other project's run of this test may be running now.
    const sleep = `sleep 41.2${process.env.FANOUT_TEST_DB === 'sqlite' ? 5 : 6}`
    const run = await queue(`${sleep}\n`)
    await waitForRun(run.id, (s) => s === 'running')
    await new Promise((r) => setTimeout(r, 300))
    await db.run.update({ where: { id: run.id }, data: { cancelRequestedAt: new Date() } })
    const done = await waitForRun(run.id)
    expect(done.status).toBe('cancelled')
    const { execFileSync } = await import('node:child_process')
    expect(execFileSync('ps', ['-eo', 'args']).toString()).not.toContain(sleep)
  })
})
