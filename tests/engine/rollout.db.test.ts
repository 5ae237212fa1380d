import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { readTargetRunOutput } from '@/lib/engine/output'
import { type Rollout, rolloutSchema } from '@/lib/engine/rollout'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import { decideGate } from '@/lib/runs/gates'
import { engineTarget, limits, memberTenant, queueRun, scriptStep, waitForRun } from '../support/engine-fixtures'
import { startEngineProcess } from '../support/engine-process'
import { loginUserDir, type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let dir: string
let engine: ReturnType<typeof startEngine> | undefined
let child: ChildProcess | undefined

beforeAll(async () => {
  host = await startSshd()
  // The scripts leave a line per execution here (as the login user); the test reads them.
  dir = await loginUserDir('fanout-rollout-')
})
afterEach(async () => {
  await engine?.stop()
  engine = undefined
})
afterAll(async () => {
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await host?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const startLocalEngine = () => (engine = startEngine({ leaseMs: 2_000, maxSsh: 20, outputCap: 1 << 20, pollMs: 100 }))
const rollout = (r: Partial<Rollout>) => rolloutSchema.parse(r)
const user = { type: 'user' as const, id: 'u1', label: 'Ada Admin' }

/** A tenant with a real admin (who is asked at confirmations) and hosts h1…hN on the test sshd. */
async function fleet(n: number) {
  const scope = await memberTenant(`Rollout ${Date.now()}`, host)
  const targets: RunSnapshot['targets'] = []
  for (let i = 1; i <= n; i++) targets.push(await engineTarget(scope, host, `h${i}`))
  return { scope, targets }
}

/** A script that appends its host's name to <out>/ran (one line per execution), failing on `failOn` hosts. */
function marking(out: string, failOn: string[] = []) {
  const fail = failOn.length ? `case "$FANOUT_TARGET_NAME" in ${failOn.join('|')}) exit 4;; esac\n` : ''
  return scriptStep(`echo "$FANOUT_TARGET_NAME" >> ${out}/ran\necho "ran on $FANOUT_TARGET_NAME"\n${fail}`)
}
const ranOn = (out: string) =>
  existsSync(`${out}/ran`) ? readFileSync(`${out}/ran`, 'utf8').trim().split('\n').sort() : []

/** A directory the scripts of one run write into. */
const outDir = () => loginUserDir('run-', dir)

async function eventually<T>(read: () => Promise<T | null>, ms = 5_000): Promise<T> {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 50))) {
    const value = await read()
    if (value) return value
    if (Date.now() > end) throw new Error('not there in time')
  }
}

const statusesByBatch = async (runId: string) =>
  (await db.targetRun.findMany({ where: { runId }, orderBy: { targetName: 'asc' } })).map(
    (t) => `${t.targetName}:${t.batch}:${t.status}`,
  )

describe(`rollouts in batches (${process.env.FANOUT_TEST_DB})`, () => {
  it('stops before batch 2 when batch 1 fails over the threshold: batches 2 and 3 never start', async () => {
    const { scope, targets } = await fleet(6)
    const out = await outDir()
    const run = await queueRun(
      scope,
      {
        steps: [marking(out, ['h1', 'h2'])],
        targets,
        limits: limits({ maxFailedCount: 1 }),
        rollout: rollout({ mode: 'steps', batch: { value: 2, unit: 'hosts' } }),
      },
      'queued',
    )
    startLocalEngine()
    const done = await waitForRun(run.id)
    expect(done.status).toBe('failed')
    expect(done.error).toBe(
      'Batch 1 of 3 failed on 2 of 2 hosts, over the failure threshold: the rollout stopped before batch 2.',
    )
    // Only batch 1 ever reached the hosts.
    expect(ranOn(out)).toEqual(['h1', 'h2'])
    expect(await statusesByBatch(run.id)).toEqual([
      'h1:1:failed',
      'h2:1:failed',
      'h3:2:skipped',
      'h4:2:skipped',
      'h5:3:skipped',
      'h6:3:skipped',
    ])
  })

  it('goes on batch after batch while failures stay within the threshold, waiting the delay between them', async () => {
    const { scope, targets } = await fleet(4)
    const out = await outDir()
    const run = await queueRun(
      scope,
      {
        steps: [marking(out, ['h1'])],
        targets,
        limits: limits({ maxFailedPercent: 50 }),
        rollout: rollout({ mode: 'steps', batch: { value: 50, unit: 'percent' }, between: 'delay', delaySeconds: 1 }),
      },
      'queued',
    )
    startLocalEngine()
    const done = await waitForRun(run.id)
    expect(done.status).toBe('failed')
    expect(done.error).toBeNull()
    expect(ranOn(out)).toEqual(['h1', 'h2', 'h3', 'h4'])
    const rows = await db.targetRun.findMany({ where: { runId: run.id }, orderBy: { targetName: 'asc' } })
    const batch1End = Math.max(...rows.filter((r) => r.batch === 1).map((r) => r.finishedAt!.getTime()))
    const batch2Start = Math.min(...rows.filter((r) => r.batch === 2).map((r) => r.startedAt!.getTime()))
    expect(batch2Start - batch1End).toBeGreaterThanOrEqual(1000)
  })
})

describe(`confirmations (${process.env.FANOUT_TEST_DB})`, () => {
  const canaryRun = async (n = 3) => {
    const { scope, targets } = await fleet(n)
    const out = await outDir()
    const run = await queueRun(
      scope,
      {
        steps: [marking(out)],
        targets,
        limits: limits(),
        rollout: rollout({
          mode: 'run',
          canary: { value: 1, unit: 'hosts' },
          batch: { value: 100, unit: 'percent' },
          between: 'confirm',
          confirm: rolloutSchema.shape.confirm.parse({ message: 'Check the canary’s dashboards first.' }),
        }),
      },
      'queued',
    )
    return { scope, run, out }
  }

  it('runs the canary, waits without a lease and tells the admins; Continue runs the rest exactly once', async () => {
    const { scope, run, out } = await canaryRun()
    startLocalEngine()
    const waiting = await waitForRun(run.id, (s) => s === 'waiting')
    expect(waiting).toMatchObject({ ownerId: null, leaseExpiresAt: null })
    expect(ranOn(out)).toEqual(['h1'])
    const gate = await db.runGate.findFirstOrThrow({ where: { runId: run.id } })
    expect(gate).toMatchObject({ status: 'waiting', batch: 2, timeoutAt: null })
    expect(gate.message).toBe(
      'Check the canary’s dashboards first.\nThe canary finished: continue with batch 2 of 2 (2 hosts)?',
    )
    // Told right after the run is released.
    const notice = await eventually(() => db.notice.findFirst({ where: { runId: run.id, userId: scope.userId } }))
    expect(notice).toMatchObject({ kind: 'run.waiting', body: gate.message })
    expect(notice.link).toContain(run.id)

    const other = await memberTenant('Other tenant', host)
    expect(await decideGate(other, run.id, { decision: 'continue', actor: user })).toEqual({
      ok: false,
      error: 'not_found',
    })
    expect(await decideGate(scope, run.id, { decision: 'continue', comment: 'graphs look fine', actor: user })).toEqual(
      { ok: true, status: 'queued' },
    )
    const done = await waitForRun(run.id)
    expect(done.status).toBe('succeeded')
    // The canary ran once, not again when the run resumed.
    expect(ranOn(out)).toEqual(['h1', 'h2', 'h3'])
    // Output of both halves is kept: the resumed run's chunks follow the canary's.
    for (const tr of await db.targetRun.findMany({ where: { runId: run.id } }))
      expect((await readTargetRunOutput(scope, tr.id))?.stdout).toBe(`ran on ${tr.targetName}\n`)
    expect(await db.runGate.findUniqueOrThrow({ where: { id: gate.id } })).toMatchObject({
      status: 'continued',
      decidedByLabel: 'Ada Admin',
      comment: 'graphs look fine',
    })
    expect(await decideGate(scope, run.id, { decision: 'abort', actor: user })).toEqual({
      ok: false,
      error: 'not_waiting',
    })
  })

  it('Abort cancels the run with who aborted it; the later batches never start', async () => {
    const { scope, run, out } = await canaryRun()
    startLocalEngine()
    await waitForRun(run.id, (s) => s === 'waiting')
    expect(await decideGate(scope, run.id, { decision: 'abort', comment: 'error rate up', actor: user })).toEqual({
      ok: true,
      status: 'cancelled',
    })
    const done = await db.run.findUniqueOrThrow({ where: { id: run.id } })
    expect(done).toMatchObject({ status: 'cancelled', error: 'Aborted at a confirmation by Ada Admin: error rate up' })
    expect(done.finishedAt).toBeInstanceOf(Date)
    expect(await statusesByBatch(run.id)).toEqual(['h1:1:succeeded', 'h2:2:cancelled', 'h3:2:cancelled'])
    await new Promise((r) => setTimeout(r, 500))
    expect(ranOn(out)).toEqual(['h1'])
  })

  it('a confirmation step times out into an abort; the steps after it never run', async () => {
    const { scope, targets } = await fleet(2)
    const out = await outDir()
    const run = await queueRun(
      scope,
      {
        steps: [
          marking(out),
          { kind: 'confirm', name: 'Go/no-go', confirmation: rolloutSchema.shape.confirm.parse({ timeoutMinutes: 5 }) },
          scriptStep(`echo second >> ${out}/second\n`),
        ],
        targets,
        limits: limits(),
      },
      'queued',
    )
    startLocalEngine()
    await waitForRun(run.id, (s) => s === 'waiting')
    const gate = await db.runGate.findFirstOrThrow({ where: { runId: run.id } })
    expect(gate).toMatchObject({ key: 'step:1', stepIndex: 1, message: 'Continue with step 3?' })
    expect(gate.timeoutAt!.getTime() - gate.createdAt.getTime()).toBe(5 * 60_000)
    // Five minutes pass.
    const past = (ms: number) => new Date(gate.createdAt.getTime() - ms)
    await db.runGate.update({ where: { id: gate.id }, data: { createdAt: past(5 * 60_000), timeoutAt: past(0) } })
    const done = await waitForRun(run.id, (s) => s === 'cancelled')
    expect(done.error).toBe('No one confirmed within 5 min: the run was aborted.')
    expect(await db.runGate.findUniqueOrThrow({ where: { id: gate.id } })).toMatchObject({
      status: 'timed_out',
      decidedByType: 'system',
    })
    expect(ranOn(out)).toEqual(['h1', 'h2'])
    expect(existsSync(`${out}/second`)).toBe(false)
  })

  it('a run waiting when its server is killed is still waiting, and another server continues it', async () => {
    const { scope, run, out } = await canaryRun(2)
    child = await startEngineProcess(2_000)
    await waitForRun(run.id, (s) => s === 'waiting')
    child.kill('SIGKILL')
    await once(child, 'exit')
    // Nothing expires: a waiting run has no lease to run out.
    startLocalEngine()
    await new Promise((r) => setTimeout(r, 2_500))
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('waiting')
    expect((await decideGate(scope, run.id, { decision: 'continue', actor: user })).ok).toBe(true)
    expect((await waitForRun(run.id)).status).toBe('succeeded')
    expect(ranOn(out)).toEqual(['h1', 'h2'])
    expect(readdirSync(out)).toEqual(['ran'])
  }, 60_000)
})
