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
  scriptStep,
  waitForRun,
} from '../support/engine-fixtures'
import { sleep } from '../support/processes'
import { type SshHost, startSshd } from '../support/sshd'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'
import { startSilentListener } from '../ssh/helpers'

// One run over several targets, some of which break mid-run in the ways networks and hosts
// do: each faulty target fails alone with an error a user understands, the healthy ones
// succeed with their whole output, and the run ends.

let host: SshHost
let rebooted: SshHost
let restarted: SshHost
let stalling: TcpProxy
let cutting: TcpProxy
let silent: Awaited<ReturnType<typeof startSilentListener>>
let engine: ReturnType<typeof startEngine>
let scope: EngineScope
let targets: RunSnapshot['targets']

beforeAll(async () => {
  ;[host, rebooted, restarted] = await Promise.all([startSshd(), startSshd(), startSshd()])
  ;[stalling, cutting, silent] = await Promise.all([
    startTcpProxy(host.port),
    startTcpProxy(host.port),
    startSilentListener(),
  ])
  scope = await engineTenant(host, rebooted, restarted)
  targets = [
    await engineTarget(scope, host, 'healthy-1'),
    await engineTarget(scope, host, 'healthy-2'),
    await engineTarget(scope, host, 'silent', { port: silent.port }),
    await engineTarget(scope, host, 'stalled', { port: stalling.port }),
    await engineTarget(scope, host, 'cut', { port: cutting.port }),
    await engineTarget(scope, rebooted, 'rebooted'),
    await engineTarget(scope, restarted, 'restarted'),
  ]
  engine = startEngine({ leaseMs: 5_000, maxSsh: 20, outputCap: 1 << 20, pollMs: 100 })
})

afterAll(async () => {
  await engine?.stop()
  await Promise.all([stalling?.close(), cutting?.close(), silent?.close()])
  await Promise.all([host?.stop(), rebooted?.stop(), restarted?.stop()])
})

const script = 'echo "begin $FANOUT_TARGET_NAME"\nsleep 2\necho "end $FANOUT_TARGET_NAME"\n'

const queue = (names: string[]) =>
  queueRun(
    scope,
    {
      steps: [scriptStep(script)],
      targets: targets.filter((t) => names.includes(t.name)),
      limits: limits({ parallelism: 10, timeoutSeconds: 5 }),
    },
    'queued',
  )

/** Waits until the target has printed its first line (the sink stored it). */
async function started(runId: string, targetName: string) {
  for (const end = Date.now() + 15_000; Date.now() < end; await sleep(50)) {
    const tr = await db.targetRun.findFirst({ where: { runId, targetName, stdoutBytes: { gt: 0 } } })
    if (tr) return
  }
  throw new Error(`${targetName} printed nothing`)
}

const byName = async (runId: string) =>
  Object.fromEntries((await db.targetRun.findMany({ where: { runId } })).map((t) => [t.targetName, t]))

const stdoutOf = async (id: string) => (await readTargetRunOutput(scope, id))?.stdout

describe(`a run whose targets break mid-run (${process.env.FANOUT_TEST_DB})`, () => {
  it('fails each faulty target alone with a clear error, finishes the healthy ones, and ends', async () => {
    const run = await queue(targets.map((t) => t.name))
    // Each fault strikes once its target has printed its first line.
    await Promise.all([
      started(run.id, 'stalled').then(() => stalling.stall()),
      started(run.id, 'cut').then(() => cutting.cut()),
      started(run.id, 'rebooted').then(() => rebooted.restart()),
      started(run.id, 'restarted').then(() => restarted.restart({ keepConnections: true })),
    ])

    // A stalled host is given the 5 s timeout, the kill's grace period and then up to 10 s
    // to answer: the run ends well before keep-alives (minutes) would notice.
    const ended = await waitForRun(run.id, undefined, 40_000)
    expect(ended).toMatchObject({ status: 'failed', ownerId: null })
    const rows = await byName(run.id)
    // Healthy, and restarted like `systemctl restart ssh` (open sessions survive it).
    for (const name of ['healthy-1', 'healthy-2', 'restarted']) {
      expect(rows[name]).toMatchObject({ status: 'succeeded', exitCode: 0, error: null })
      expect(await stdoutOf(rows[name].id)).toBe(`begin ${name}\nend ${name}\n`)
    }
    const where = (name: string) => `Target ${name} (127.0.0.1:${targets.find((t) => t.name === name)!.port})`
    expect(rows.silent).toMatchObject({
      status: 'connect_failed',
      error: `${where('silent')}: timed out: the TCP connection opened but the SSH handshake did not complete within 10 s`,
    })
    expect(rows.stalled).toMatchObject({
      status: 'timed_out',
      error:
        `${where('stalled')}: the host stopped answering (no reply within 15 s after the script was told to stop); ` +
        'the connection was closed and the script may still be running there',
    })
    expect(rows.cut.status).toBe('failed')
    expect(rows.cut.error).toContain(`${where('cut')}: the connection was lost before the command finished`)
    // Rebooted: sshd and every session it served were killed.
    expect(rows.rebooted).toMatchObject({
      status: 'failed',
      error: `${where('rebooted')}: the connection was lost before the command finished`,
    })
    // What a broken target printed before it broke is kept.
    for (const name of ['stalled', 'cut', 'rebooted']) expect(await stdoutOf(rows[name].id)).toBe(`begin ${name}\n`)
    expect(Object.values(rows).every((r) => r.finishedAt && r.finishedAt <= ended.finishedAt!)).toBe(true)
  }, 60_000)

  it('runs on the same targets again once the network and the hosts are back', async () => {
    stalling.resume()
    const names = ['stalled', 'cut', 'rebooted', 'restarted']
    const run = await queue(names)
    expect(await waitForRun(run.id)).toMatchObject({ status: 'succeeded' })
    const rows = await byName(run.id)
    for (const name of names) expect(await stdoutOf(rows[name].id)).toBe(`begin ${name}\nend ${name}\n`)
  })
})
