// One Fanout server process, as far as runs go: its own database, migrated the way
// `npm start` migrates it, and the engine started with the settings lib/boot.ts gives it
// (FANOUT_RUN_LEASE, FANOUT_MAX_SSH, FANOUT_OUTPUT_CAP). Periodic target checks are not
// started: they would add SSH logins of their own to the figures. run.ts forks this with
// the environment set and drives it over IPC (protocol.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { loadConfig } from '@/lib/config'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { applyMigrations } from '../lib/db/migrations.mjs'
import { databaseUrl, providerOf, sqlitePath } from '../lib/runtime-paths.mjs'
import type { ExpectedStdout, RunMeasurement, WorkerReply, WorkerRequest } from './protocol'
import { createWorld, queueRun, type World } from './world'

const finished = new Set(['succeeded', 'failed', 'cancelled', 'timed_out', 'interrupted'])
const mib = (bytes: number) => bytes / 1024 / 1024

const config = loadConfig()
let engine: ReturnType<typeof startEngine>
let world: World | null = null
let runs = 0

function send(reply: WorkerReply) {
  process.send!(reply)
}

/** Resets the kernel's peak-RSS counter (VmHWM); false where the kernel refuses. */
function resetPeakRss() {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}

function peakRssMiB() {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
  return kb ? Number(kb) / 1024 : null
}

async function profiled<T>(fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROF
  if (!dir) return fn()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  try {
    return await fn()
  } finally {
    const { profile } = await session.post('Profiler.stop')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, `${process.env.BENCH_LABEL}-run${runs}.cpuprofile`), JSON.stringify(profile))
    session.disconnect()
  }
}

async function measureRun(
  content: string,
  count: number,
  concurrency: number,
): Promise<RunMeasurement & { runId: string }> {
  if (!world) throw new Error('setup first')
  const hwmReset = resetPeakRss()
  const rssBase = process.memoryUsage.rss()
  let rssPeak = rssBase
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 50)
  const cpu0 = process.cpuUsage()
  const started = Date.now()
  const run = await queueRun(world, content, count, concurrency)
  // The engine stamps finishedAt after every target-run and output row is written: the
  // clock stops there, so polling can be rare (a query costs CPU that would count as Fanout's).
  let finishedAt: Date | null = null
  while (!finishedAt) {
    await sleep(200)
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id }, select: { status: true, finishedAt: true } })
    if (finished.has(row.status)) finishedAt = row.finishedAt ?? new Date()
  }
  const wallMs = finishedAt.getTime() - started
  const cpu = process.cpuUsage(cpu0)
  clearInterval(sampler)
  runs++
  return {
    runId: run.id,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBaseMiB: mib(rssBase),
    rssPeakMiB: mib(rssPeak),
    hwmMiB: hwmReset ? peakRssMiB() : null,
    persistedBytes: 0,
    chunkRows: 0,
  }
}

/** Every target-run succeeded and its stored stdout is exactly what the script printed. */
async function verify(runId: string, count: number, expect: ExpectedStdout) {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, error: true } })
  if (run.status !== 'succeeded') throw new Error(`run ${runId} ended ${run.status}: ${run.error ?? ''}`)
  const rows = await db.targetRun.findMany({
    where: { runId },
    select: { id: true, targetName: true, status: true, exitCode: true, error: true, stdoutDropped: true },
  })
  if (rows.length !== count) throw new Error(`run ${runId} has ${rows.length} target-runs, expected ${count}`)
  const chunks = await db.outputChunk.findMany({
    where: { runId },
    orderBy: { seq: 'asc' },
    select: { targetRunId: true, stream: true, data: true },
  })
  const stdout = new Map<string, Buffer[]>()
  for (const c of chunks) {
    if (c.stream !== 'stdout') throw new Error(`unexpected ${c.stream} output in run ${runId}`)
    stdout.set(c.targetRunId, [...(stdout.get(c.targetRunId) ?? []), Buffer.from(c.data)])
  }
  const expected =
    expect.kind === 'text' ? Buffer.from(expect.text) : Buffer.alloc(expect.bytes, `${expect.line}\n`, 'utf8')
  let bytes = 0
  for (const row of rows) {
    if (row.status !== 'succeeded' || row.exitCode !== 0 || row.stdoutDropped !== 0)
      throw new Error(`${row.targetName}: ${row.status} (exit ${row.exitCode}, ${row.error ?? 'no error'})`)
    const got = Buffer.concat(stdout.get(row.id) ?? [])
    if (!got.equals(expected))
      throw new Error(`${row.targetName}: stored stdout is ${got.length} bytes, not the ${expected.length} printed`)
    bytes += got.length
  }
  return { persistedBytes: bytes, chunkRows: chunks.length }
}

async function handle(req: WorkerRequest) {
  if (req.type === 'setup') {
    const t0 = performance.now()
    world = await createWorld(req)
    send({ type: 'setup', result: { setupMs: performance.now() - t0, targets: world.targetIds.length } })
  } else if (req.type === 'run') {
    const { runId, ...measurement } = await profiled(() => measureRun(req.content, req.targets, req.concurrency))
    send({ type: 'run', result: { ...measurement, ...(await verify(runId, req.targets, req.expect)) } })
  } else {
    await engine.stop()
    await db.$disconnect()
    process.exit(0)
  }
}

async function main() {
  const url = databaseUrl()
  if (providerOf(url) === 'sqlite') mkdirSync(path.dirname(sqlitePath(url)), { recursive: true })
  await applyMigrations(url)
  engine = startEngine({
    leaseMs: config.FANOUT_RUN_LEASE * 1000,
    maxSsh: config.FANOUT_MAX_SSH,
    outputCap: config.FANOUT_OUTPUT_CAP,
  })
  process.on('message', (req: WorkerRequest) => {
    handle(req).catch((e: unknown) =>
      send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    )
  })
  send({ type: 'ready' })
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
