import { type ChildProcess, execFileSync } from 'node:child_process'
import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { interruptedMessage } from '@/lib/engine/lease'
import { readTargetRunOutput } from '@/lib/engine/output'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import { engineTarget, limits, memberTenant, queueRun, scriptStep, waitForRun } from '../support/engine-fixtures'
import { startEngineProcess } from '../support/engine-process'
import { type SshHost, startSshd } from '../support/sshd'
import { until, type UntilOptions } from '../support/until'

let host: SshHost
let child: ChildProcess | undefined
let engine: ReturnType<typeof startEngine> | undefined

beforeAll(async () => {
  host = await startSshd()
})
afterAll(async () => {
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await engine?.stop()
  await host?.stop()
})

const processesOf = (marker: string) =>
  execFileSync('ps', ['-eo', 'pid,args'])
    .toString()
    .split('\n')
    .filter((line) => line.includes(marker))

async function queueLongRun(names: string[], content: string) {
  // A real member starts it: the end of a run one starts is notified to its starter.
  const scope = await memberTenant(`Restart ${Date.now()}`, host)
  const targets: RunSnapshot['targets'] = []
  for (const name of names) targets.push(await engineTarget(scope, host, name))
  const run = await queueRun(
    scope,
    {
      steps: [scriptStep(content, { scriptName: 'long' })],
      targets,
      limits: limits({ parallelism: 2, timeoutSeconds: 600 }),
    },
    'queued',
  )
  await db.run.update({ where: { id: run.id }, data: { triggeredById: scope.userId } })
  return { scope, run }
}

const waits: UntilOptions = { ms: 20_000 }

describe(`a server killed mid-run (${process.env.FANOUT_TEST_DB})`, () => {
  it('leaves nothing running on the hosts; the next server ends the run as interrupted and notifies', async () => {
    const names = ['web-1', 'web-2', 'web-3']
    // A long, distinctive sleep: its command line is how the host's process table is searched.
    const marker = `sleep 5${Math.floor(Math.random() * 1e6)}.25`
    const { scope, run } = await queueLongRun(names, `echo "started on $FANOUT_TARGET_NAME"\n${marker}\necho never\n`)

    child = await startEngineProcess(2_000)
    // Two at a time: two target-runs are running when the server dies, the third still queued.
    const running = await until(
      'two target-runs to be running',
      () => db.targetRun.findMany({ where: { runId: run.id, status: 'running' } }),
      (rows) => rows.length === 2,
      waits,
    )
    expect(await db.targetRun.count({ where: { runId: run.id, status: 'queued' } })).toBe(1)
    await until(
      'the scripts to be sleeping on the host',
      async () => processesOf(marker).length,
      (n) => n === 2,
      waits,
    )
    // What the scripts printed before the crash is stored, and stays readable after it.
    for (const tr of running) {
      await until(
        `the output of ${tr.targetName}`,
        async () => (await readTargetRunOutput(scope, tr.id))?.stdout,
        (s) => s === `started on ${tr.targetName}\n`,
        waits,
      )
    }

    child.kill('SIGKILL')
    await once(child, 'exit')
    // The connections died with the server: the hosts kill what it started.
    await until(
      'the scripts to be killed on the host',
      async () => processesOf(marker),
      (p) => p.length === 0,
      { ms: 5_000 },
    )

    engine = startEngine({ leaseMs: 2_000, maxSsh: 10, outputCap: 1024 * 1024, pollMs: 100 })
    const ended = await waitForRun(run.id)
    expect(ended).toMatchObject({ status: 'interrupted', error: interruptedMessage, ownerId: null })
    expect(ended.finishedAt).toBeInstanceOf(Date)
    const rows = await db.targetRun.findMany({ where: { runId: run.id } })
    expect(rows.map((r) => r.status)).toEqual(names.map(() => 'interrupted'))
    expect(rows.every((r) => r.finishedAt instanceof Date && r.error === interruptedMessage)).toBe(true)
    // And the person who started it hears of it.
    await until(
      'the notice of the interruption',
      () => db.notice.findFirst({ where: { runId: run.id, userId: scope.userId } }),
      (notice) => notice?.kind === 'run.interrupted',
      waits,
    )
    for (const tr of running) {
      expect((await readTargetRunOutput(scope, tr.id))?.stdout).toBe(`started on ${tr.targetName}\n`)
    }
  }, 120_000)
})
