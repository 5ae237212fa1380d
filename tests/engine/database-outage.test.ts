import { type ChildProcess, execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { readTargetRunOutput } from '@/lib/engine/output'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import { engineTarget, engineTenant, limits, queueRun, scriptStep } from '../support/engine-fixtures'
import { startEngineProcess } from '../support/engine-process'
import { sleep } from '../support/processes'
import { type SshHost, startSshd } from '../support/sshd'
import { until, type UntilOptions } from '../support/until'

// PostgreSQL stopped and started while an engine runs: the test files share the suite's
// cluster, so this file runs on a cluster of its own, which both the test and the engine
// (a child process, tests/support/engine-child.ts) use. Hoisted: lib/db reads DATABASE_URL
// (and picks its provider) when it is imported.
const cluster = await vi.hoisted(async () => {
  const { startPostgres } = await import('../support/postgres')
  const { applyMigrations } = await import('../../lib/db/migrations.mjs')
  const pg = await startPostgres()
  const url = await pg.createDatabase()
  await applyMigrations(url)
  process.env.DATABASE_URL = url
  return pg
})

let host: SshHost
let child: ChildProcess | undefined
let childOutput = ''

beforeAll(async () => {
  host = await startSshd()
})

afterAll(async () => {
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await host?.stop()
  await cluster.destroy()
})

/** An engine process of its own for each test: its log is what the failures print. */
async function startEngine(leaseMs: number) {
  child?.kill('SIGKILL')
  childOutput = ''
  child = await startEngineProcess(leaseMs)
  child.stdout!.on('data', (c: Buffer) => (childOutput += c))
  child.stderr!.on('data', (c: Buffer) => (childOutput += c))
}

const lines = (name: string, n: number) => Array.from({ length: n }, (_, i) => `${name} line ${i + 1}\n`).join('')

// Every wait here: up to 30 s; reads that fail while the database is away are tried again.
const waits: UntilOptions = { ms: 30_000, retryErrors: true, context: () => `engine:\n${childOutput}` }

describe('the database goes away during a run (postgresql, a cluster of its own)', () => {
  it('a short outage: the engine retries its writes; the run succeeds with every line stored once', async () => {
    const scope = await engineTenant(host)
    const targets: RunSnapshot['targets'] = []
    for (const name of ['db-1', 'db-2', 'db-3']) targets.push(await engineTarget(scope, host, name))
    const content = 'for i in $(seq 1 60); do echo "$FANOUT_TARGET_NAME line $i"; sleep 0.1; done\n'
    const run = await queueRun(
      scope,
      { steps: [scriptStep(content)], targets, limits: limits({ timeoutSeconds: 60 }) },
      'queued',
    )
    await startEngine(10_000)
    await until(
      'every target to print',
      () => db.targetRun.count({ where: { runId: run.id, stdoutBytes: { gt: 0 } } }),
      (n) => n === 3,
      waits,
    )
    await cluster.stop()
    await sleep(3_000)
    await cluster.start()

    const ended = await until(
      'the run to end',
      () => db.run.findUniqueOrThrow({ where: { id: run.id } }),
      (r) => r.status !== 'running',
      waits,
    )
    expect(ended).toMatchObject({ status: 'succeeded', error: null })
    for (const tr of await db.targetRun.findMany({ where: { runId: run.id } })) {
      expect(tr.status).toBe('succeeded')
      expect((await readTargetRunOutput(scope, tr.id))?.stdout).toBe(lines(tr.targetName, 60))
    }
    expect(child!.exitCode).toBeNull()
  }, 60_000)

  it('an outage longer than the lease: the run ends interrupted, saying why; what was printed is kept', async () => {
    const scope = await engineTenant(host)
    const targets = [await engineTarget(scope, host, 'long-1'), await engineTarget(scope, host, 'long-2')]
    // A distinctive sleep: its command line is how the host's process table is searched.
    const marker = `sleep 3${Math.floor(Math.random() * 1e6)}.5`
    const content = `echo "$FANOUT_TARGET_NAME before"\nsleep 3\necho "$FANOUT_TARGET_NAME during"\n${marker}\n`
    const run = await queueRun(
      scope,
      { steps: [scriptStep(content)], targets, limits: limits({ timeoutSeconds: 60 }) },
      'queued',
    )
    await startEngine(2_000)
    await until(
      'every target to print',
      () => db.targetRun.count({ where: { runId: run.id, stdoutBytes: { gt: 0 } } }),
      (n) => n === 2,
      waits,
    )
    await cluster.stop()
    await sleep(6_000)
    await cluster.start()

    const ended = await until(
      'the run to end',
      () => db.run.findUniqueOrThrow({ where: { id: run.id } }),
      (r) => r.status !== 'running',
      waits,
    )
    expect(ended.status).toBe('interrupted')
    expect(ended.error).toBe(
      "The server running it could not write to its database for longer than the run's lease (the database could not be reached); its scripts were stopped.",
    )
    // The engine stops the scripts and stores what it still held for the run.
    for (const tr of await db.targetRun.findMany({ where: { runId: run.id } })) {
      const printed = `${tr.targetName} before\n${tr.targetName} during\n`
      await until(
        `the output of ${tr.targetName}`,
        async () => (await readTargetRunOutput(scope, tr.id))?.stdout,
        (stdout) => stdout === printed,
        waits,
      )
    }
    await until(
      'every target-run to be interrupted, saying why',
      () => db.targetRun.findMany({ where: { runId: run.id } }),
      (rows) => rows.every((r) => r.status === 'interrupted' && r.error === ended.error),
      waits,
    )
    await until(
      'the scripts to be killed on the host',
      async () => execFileSync('ps', ['-eo', 'args']).toString(),
      (ps) => !ps.includes(marker),
      waits,
    )
  }, 60_000)
})
