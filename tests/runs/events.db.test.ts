import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { readTargetRunOutput } from '@/lib/engine/output'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import { runEventStream } from '@/lib/runs/events'
import type { LiveEnd, LiveRun, LiveTargetRun } from '@/lib/runs/live'
import { type EngineScope, engineTarget, engineTenant, limits, queueRun, scriptStep } from '../support/engine-fixtures'
import { outputText, readEvents, type SseEvent } from '../support/sse'
import { type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let engine: ReturnType<typeof startEngine>
let scope: EngineScope
let other: EngineScope
let targets: RunSnapshot['targets']

beforeAll(async () => {
  host = await startSshd()
  scope = await engineTenant(host)
  other = await engineTenant(host)
  targets = [await engineTarget(scope, host, 'alpha'), await engineTarget(scope, host, 'beta')]
  engine = startEngine({ leaseMs: 5_000, maxSsh: 10, outputCap: 1 << 20, pollMs: 100 })
})

afterAll(async () => {
  await engine?.stop()
  await host?.stop()
})

/** Queues a run and returns it with the target-run of alpha, once the engine created it. */
async function start(content: string) {
  const run = await queueRun(scope, { steps: [scriptStep(content)], targets, limits: limits() }, 'queued')
  for (;;) {
    const alpha = await db.targetRun.findFirst({ where: { runId: run.id, targetName: 'alpha' } })
    if (alpha) return { run, alpha }
    await new Promise((r) => setTimeout(r, 50))
  }
}

function open(runId: string, targetRunId: string | null, after: number | null, controller = new AbortController()) {
  return runEventStream(scope, { runId, targetRunId, after, signal: controller.signal })
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('')

describe(`the live events of a run (${process.env.FANOUT_TEST_DB})`, () => {
  it("sends the run's state, its targets, the open target's output as it comes, then the end", async () => {
    const { run, alpha } = await start('for i in $(seq 1 10); do echo line $i; sleep 0.1; done; echo oops >&2')
    const events = await readEvents((await open(run.id, alpha.id, null))!)
    expect(events[0]).toMatchObject({ event: 'run' })
    const first = events.find((e) => e.event === 'targets')!.data as LiveTargetRun[]
    expect(first.map((t) => t.targetName)).toEqual(['alpha', 'beta'])
    expect(outputText(events, 'stdout')).toBe(lines(10))
    expect(outputText(events, 'stderr')).toBe('oops\n')
    // Only the open target's output is sent.
    expect(
      events
        .filter((e) => e.event === 'output')
        .every((e) => (e.data as { targetRunId: string }).targetRunId === alpha.id),
    ).toBe(true)
    // Output arrived in several events while the run was live, not all at the end.
    expect(events.filter((e) => e.event === 'output').length).toBeGreaterThan(2)
    const states = events.filter((e) => e.event === 'run').map((e) => (e.data as LiveRun).status)
    expect(states).toContain('running')
    const ids = events.filter((e) => e.id !== undefined).map((e) => Number(e.id))
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(new Set(ids).size).toBe(ids.length)
    expect(events.at(-1)).toEqual({ event: 'end', data: { status: 'succeeded' } satisfies LiveEnd })
    // Targets end with their exit code and an output hash: alpha and beta printed the same.
    const finals = new Map<string, LiveTargetRun>()
    for (const e of events.filter((e) => e.event === 'targets'))
      for (const t of e.data as LiveTargetRun[]) finals.set(t.targetName, t)
    expect(finals.get('alpha')).toMatchObject({ status: 'succeeded', exitCode: 0 })
    expect(finals.get('alpha')!.outputHash).toMatch(/^[0-9a-f]{64}$/)
    expect(finals.get('alpha')!.outputHash).toBe(finals.get('beta')!.outputHash)
  })

  it('resumes after Last-Event-ID without a gap or a duplicate', async () => {
    const { run, alpha } = await start('for i in $(seq 1 20); do echo line $i; sleep 0.1; done')
    const controller = new AbortController()
    const before = await readEvents((await open(run.id, alpha.id, null, controller))!, (events) =>
      events.some((e) => e.event === 'output' && (e.data as { text: string }).text.includes('line 3\n')),
    )
    controller.abort()
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('running')
    const lastId = Number(before.filter((e) => e.id !== undefined).at(-1)!.id)
    const after = await readEvents((await open(run.id, alpha.id, lastId))!)
    // The resumed stream restates the run and targets, and sends only chunks after the id.
    expect(after[0].event).toBe('run')
    expect(after.filter((e) => e.id !== undefined).every((e) => Number(e.id) > lastId)).toBe(true)
    const text = outputText(before, 'stdout') + outputText(after, 'stdout')
    expect(text).toBe(lines(20))
    expect(text).toBe((await readTargetRunOutput(scope, alpha.id))!.stdout)
  })

  it('serves many views of a run at once, resumed or from the start, each its whole output once', async () => {
    const { run, alpha } = await start('for i in $(seq 1 20); do echo "línea $i ✓"; sleep 0.05; done')
    const expected = Array.from({ length: 20 }, (_, i) => `línea ${i + 1} ✓\n`).join('')
    const controller = new AbortController()
    const early = await readEvents((await open(run.id, alpha.id, null, controller))!, (events) =>
      outputText(events, 'stdout').includes('línea 3 '),
    )
    controller.abort()
    const lastId = Number(early.filter((e) => e.id !== undefined).at(-1)!.id)
    // The resumed view opens first: the views from the start read on their own up to where it began.
    const resumed = await open(run.id, alpha.id, lastId)
    const fresh = await Promise.all(Array.from({ length: 5 }, () => open(run.id, alpha.id, null)))
    const [after, ...others] = await Promise.all([resumed, ...fresh].map((stream) => readEvents(stream!)))
    expect(outputText(early, 'stdout') + outputText(after, 'stdout')).toBe(expected)
    for (const events of others) {
      expect(outputText(events, 'stdout')).toBe(expected)
      const ids = events.filter((e) => e.id !== undefined).map((e) => Number(e.id))
      expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b))
    }
  })

  it("streams every target's output, each event naming its target-run, with targetRun 'all'", async () => {
    const { run } = await start('echo "hi from $FANOUT_TARGET_NAME"; echo "err from $FANOUT_TARGET_NAME" >&2')
    const events = await readEvents((await open(run.id, 'all', null))!)
    const names = new Map<string, string>()
    for (const e of events.filter((e) => e.event === 'targets'))
      for (const t of e.data as LiveTargetRun[]) names.set(t.id, t.targetName)
    const lines = events
      .filter((e) => e.event === 'output')
      .map((e) => e.data as { targetRunId: string; stream: string; text: string })
      .map((o) => `${names.get(o.targetRunId)} ${o.stream} ${o.text}`)
      .sort()
    expect(lines).toEqual([
      'alpha stderr err from alpha\n',
      'alpha stdout hi from alpha\n',
      'beta stderr err from beta\n',
      'beta stdout hi from beta\n',
    ])
  })

  it('streams states only without an open target, and ends at once for a finished run', async () => {
    const { run } = await start('echo done')
    const events: SseEvent[] = await readEvents((await open(run.id, null, null))!)
    expect(events.some((e) => e.event === 'output')).toBe(false)
    expect(events.at(-1)).toMatchObject({ event: 'end' })
    const again = await readEvents((await open(run.id, null, null))!)
    expect(again.map((e) => e.event)).toEqual(['run', 'targets', 'end'])
  })

  it("gives another tenant nothing: not the run, not a target-run of another run's", async () => {
    const { run, alpha } = await start('echo secret-output')
    const controller = new AbortController()
    expect(await runEventStream(other, { runId: run.id, after: null, signal: controller.signal })).toBeNull()
    const { run: second } = await start('echo second')
    const events = await readEvents((await open(second.id, alpha.id, null))!)
    expect(outputText(events, 'stdout')).toBe('')
    await readEvents((await open(run.id, null, null))!)
  })
})
