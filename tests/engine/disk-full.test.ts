import { type ChildProcess, execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { readTargetRunOutput } from '@/lib/engine/output'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import { engineTarget, engineTenant, limits, queueRun, scriptStep } from '../support/engine-fixtures'
import { startEngineProcess } from '../support/engine-process'
import { type SshHost, startSshd } from '../support/sshd'
import { until, type UntilOptions } from '../support/until'

// The data directory's disk fills up while a run prints: SQLite on a small tmpfs of its own,
// which both the test and the engine (a child process, tests/support/engine-child.ts) use.
// Hoisted: lib/db reads DATABASE_URL (and picks its provider) when it is imported.
const dataDir = await vi.hoisted(async () => {
  const { execFileSync, spawnSync } = await import('node:child_process')
  const { mkdtempSync, readdirSync, rmSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const path = await import('node:path')
  const { applyMigrations } = await import('../../lib/db/migrations.mjs')
  const { isAlive } = await import('../support/processes')
  // A test process killed outright leaves its tmpfs mounted: the next one unmounts and removes it.
  for (const name of readdirSync(tmpdir())) {
    const owner = /^fanout-disk-full-(\d+)-/.exec(name)?.[1]
    if (!owner || isAlive(Number(owner))) continue
    spawnSync('umount', ['--lazy', path.join(tmpdir(), name)])
    rmSync(path.join(tmpdir(), name), { recursive: true, force: true })
  }
  const dir = mkdtempSync(path.join(tmpdir(), `fanout-disk-full-${process.pid}-`))
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir])
  await applyMigrations(`file:${dir}/fanout.db`)
  process.env.DATABASE_URL = `file:${dir}/fanout.db`
  return dir
})

let host: SshHost
let child: ChildProcess | undefined
let childOutput = ''

beforeAll(async () => {
  host = await startSshd()
})

afterAll(async () => {
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await db.$disconnect()
  await host?.stop()
  execFileSync('umount', ['--lazy', dataDir])
  rmSync(dataDir, { recursive: true, force: true })
})

const integrity = async () => (await db.$queryRawUnsafe<{ integrity_check: string }[]>('PRAGMA integrity_check'))[0]

const waits: UntilOptions = { ms: 60_000, context: () => `engine:\n${childOutput}` }

describe('the data directory runs out of space during a run (sqlite on a small tmpfs)', () => {
  it('ends the run with a clear error, keeps the database sound, and runs again once there is space', async () => {
    const scope = await engineTenant(host)
    const targets: RunSnapshot['targets'] = []
    for (let i = 1; i <= 6; i++) targets.push(await engineTarget(scope, host, `big-${i}`))
    // 1 MiB kept per target (the child engine's output cap): 6 MiB for a 4 MiB disk.
    const content = 'echo start\nhead -c 3000000 /dev/zero | tr "\\\\0" x\necho\necho done\n'
    const run = await queueRun(
      scope,
      { steps: [scriptStep(content)], targets, limits: limits({ timeoutSeconds: 60 }) },
      'queued',
    )
    child = await startEngineProcess(10_000)
    child.stdout!.on('data', (c: Buffer) => (childOutput += c))
    child.stderr!.on('data', (c: Buffer) => (childOutput += c))

    // While the disk stays full: the engine gives up storing the output (its log says so)
    // and the database stays sound.
    await until(
      'the engine to give up storing the output',
      async () => childOutput,
      (log) => log.includes(`gave up storing output of run ${run.id}`),
      waits,
    )
    expect(await integrity()).toEqual({ integrity_check: 'ok' })

    // Room again: whatever the engine could not write meanwhile (with the disk that full,
    // perhaps even the run's end) is written now, and the run ends saying why.
    execFileSync('mount', ['-o', 'remount,size=64m', dataDir])
    const ended = await until(
      'the run to end',
      () => db.run.findUniqueOrThrow({ where: { id: run.id } }),
      (r) => r.status !== 'running',
      waits,
    )
    // failed: the engine recorded the run's end; interrupted: its lease ran out first.
    expect(['failed', 'interrupted']).toContain(ended.status)
    expect(ended.error).toContain("the database's disk is full")
    await until(
      'every target-run to end',
      () => db.targetRun.count({ where: { runId: run.id, status: { in: ['queued', 'running'] } } }),
      (n) => n === 0,
      waits,
    )
    expect(await integrity()).toEqual({ integrity_check: 'ok' })

    const again = await queueRun(
      scope,
      {
        steps: [scriptStep('echo "room again on $FANOUT_TARGET_NAME"\n')],
        targets: targets.slice(0, 2),
        limits: limits(),
      },
      'queued',
    )
    expect(
      await until(
        'the next run to end',
        () => db.run.findUniqueOrThrow({ where: { id: again.id } }),
        (r) => r.status !== 'running' && r.status !== 'queued',
        waits,
      ),
    ).toMatchObject({ status: 'succeeded', error: null })
    const rows = await db.targetRun.findMany({ where: { runId: again.id } })
    for (const tr of rows) {
      expect((await readTargetRunOutput(scope, tr.id))?.stdout).toBe(`room again on ${tr.targetName}\n`)
    }
    expect(await integrity()).toEqual({ integrity_check: 'ok' })
    expect(child.exitCode).toBeNull()
  }, 120_000)
})
