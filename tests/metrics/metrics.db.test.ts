import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { GET as health } from '@/app/api/health/route'
import { GET as metrics } from '@/app/api/metrics/route'
import { db } from '@/lib/db'
import { engineVitals, startEngine } from '@/lib/engine/engine'
import { startScheduler } from '@/lib/scheduler'
import { makeTenant } from '../support/factories'
import { sleep } from '../support/processes'

/** Prometheus text → `name{labels}` → value; fails on a line that is neither a comment nor a sample. */
function parse(text: string) {
  const samples = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line)
    if (!match) throw new Error(`not a Prometheus sample: ${line}`)
    samples.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]))
  }
  return samples
}

async function scrape(headers: Record<string, string> = {}) {
  const response = await metrics(new Request('http://fanout.test/api/metrics', { headers }))
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return parse(await response.text())
}

let engine: ReturnType<typeof startEngine> | undefined
let scheduler: ReturnType<typeof startScheduler> | undefined
afterAll(async () => {
  await engine?.stop()
  await scheduler?.stop()
})
afterEach(() => {
  delete process.env.FANOUT_METRICS_TOKEN
})

describe(`/api/health (${process.env.FANOUT_TEST_DB})`, () => {
  it('says 503 and which part is down until the engine and scheduler run here, then 200', async () => {
    const down = await health()
    expect(down.status).toBe(503)
    expect(await down.json()).toMatchObject({
      ok: false,
      db: { ok: true },
      engine: { ok: false, error: 'not started in this process' },
      scheduler: { ok: false, error: 'not started in this process' },
    })

    // Long intervals: nothing else happens in the background of this file.
    engine = startEngine({ leaseMs: 30_000, maxSsh: 4, outputCap: 1 << 20, pollMs: 60_000 })
    scheduler = startScheduler({ syncMs: 60_000 })
    await scheduler.ready
    // The engine's first round started with it; a poke during a round only asks for another.
    let up = await health()
    for (const end = Date.now() + 10_000; up.status !== 200 && Date.now() < end; up = await health()) await sleep(100)
    expect(await up.json()).toMatchObject({
      ok: true,
      status: 'ok',
      db: { ok: true },
      engine: { ok: true },
      scheduler: { ok: true },
    })
  })
})

describe(`/api/metrics (${process.env.FANOUT_TEST_DB})`, () => {
  it('reports runs, target-runs, queue, output, scheduler lag and SSH connections, read at each scrape', async () => {
    const before = await scrape()
    expect(before.get('fanout_runs{status="queued"}')).toBe(0)
    expect(before.get('fanout_target_runs{status="connect_failed"}')).toBe(0)
    expect(before.has('process_cpu_user_seconds_total')).toBe(true)

    const tenant = await makeTenant('Metrics')
    const run = await db.run.create({
      data: { tenantId: tenant.id, kind: 'script', snapshot: '{}', triggeredByType: 'user' },
    })
    const queued = await scrape()
    expect(queued.get('fanout_runs{status="queued"}')).toBe(1)
    expect(queued.get('fanout_runs_queued')).toBe(1)

    // Finished: 1000 + 200 bytes received, 100 of them dropped past the cap.
    await db.run.update({ where: { id: run.id }, data: { status: 'succeeded', finishedAt: new Date() } })
    await db.targetRun.create({
      data: {
        runId: run.id,
        tenantId: tenant.id,
        stepIndex: 0,
        targetId: 't1',
        targetName: 'web-1',
        status: 'succeeded',
        stdoutBytes: 1000,
        stdoutDropped: 100,
        stderrBytes: 200,
      },
    })
    const task = await db.task.create({
      data: { tenantId: tenant.id, name: 'nightly', type: 'cron', parallelism: 1, timeoutSeconds: 60 },
    })
    await db.taskFire.create({
      data: { taskId: task.id, tenantId: tenant.id, scheduledFor: new Date(Date.now() - 2500), outcome: 'queued' },
    })
    const release = await engineVitals()[0].sshSlots.acquire()
    const after = await scrape()
    release()
    expect(after.get('fanout_runs{status="queued"}')).toBe(0)
    expect(after.get('fanout_runs_queued')).toBe(0)
    expect(after.get('fanout_runs{status="succeeded"}')).toBe(before.get('fanout_runs{status="succeeded"}')! + 1)
    expect(after.get('fanout_target_runs{status="succeeded"}')).toBe(1)
    expect(after.get('fanout_output_bytes_stored')).toBe(1100)
    expect(after.get('fanout_scheduler_lag_seconds')).toBeGreaterThanOrEqual(2.5)
    expect(after.get('fanout_scheduler_lag_seconds')).toBeLessThan(10)
    expect(after.get('fanout_ssh_connections_active')).toBe(1)
    // The engine this file started, alive on the database.
    expect(after.get('fanout_engines')).toBe(1)
    expect((await scrape()).get('fanout_ssh_connections_active')).toBe(0)
  })

  it('requires Authorization: Bearer <FANOUT_METRICS_TOKEN> when the token is set', async () => {
    process.env.FANOUT_METRICS_TOKEN = 'metrics-token-0123456789'
    const without = await metrics(new Request('http://fanout.test/api/metrics'))
    expect(without.status).toBe(401)
    expect(without.headers.get('www-authenticate')).toBe('Bearer')
    const wrong = await metrics(
      new Request('http://fanout.test/api/metrics', { headers: { authorization: 'Bearer metrics-token-0123456780' } }),
    )
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).not.toContain('metrics-token')
    expect((await scrape({ authorization: 'Bearer metrics-token-0123456789' })).has('fanout_runs_queued')).toBe(true)
  })
})
