// Part 3 of the scale-out benchmark: viewers of a live run. A Fanout server started as
// `npm start` starts it (scripts/start.mjs, FANOUT_ROLE all: it executes the run itself),
// a run on N targets whose script prints a timestamped line every 100–200 ms, and V clients
// reading its events with every target-run's output (`GET /api/v1/runs/<id>/events?targetRun=all`,
// each with its own API token: the API allows a token 20 requests a second). Counted: the
// server's CPU (its whole process tree, in a cgroup) and each line's latency, from the
// timestamp the host printed to the moment a viewer parsed it (one clock: all on loopback).
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createParser } from 'eventsource-parser'
import { createApiToken } from '@/lib/api/tokens'
import { db } from '@/lib/db'
import type { LiveOutput } from '@/lib/runs/live'
import { freePort } from '../tests/support/processes'
import { createCpuGroup } from './cpu-group'
import { median, medianTrial, round } from './sampling'
import { type Hosts, p95 } from './scale-out-replicas'
import { createWorld, queueRun, type World } from './world'

const root = path.resolve(__dirname, '..')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Prints "L<n> <epoch seconds.micro>" every 100–200 ms for `seconds`; bash builtins only, no fork per line. */
const ticker = (seconds: number) =>
  [
    // A read with a timeout on a pipe nobody writes to is a sleep without a process.
    'exec 3<> <(:)',
    `end=$((\${EPOCHREALTIME%.*} + ${seconds}))`,
    'i=0',
    'while ((${EPOCHREALTIME%.*} < end)); do',
    '  i=$((i + 1))',
    `  printf 'L%d %s\\n' "$i" "$EPOCHREALTIME"`,
    '  read -r -t "0.$((100 + RANDOM % 100))" -u 3 || :',
    'done',
    '',
  ].join('\n')

export interface ViewersResult {
  viewers: number
  targets: number
  lines_printed: number
  /** Fewest lines one viewer received of them (every viewer should get all). */
  lines_per_viewer_min: number
  latency_ms: { median: number; p95: number; max: number; samples: number }
  /** failed when the server could not store all the output (its viewers then miss it too). */
  run_status: string
  target_runs_not_succeeded: number
  target_run_errors: string[]
  server_cpu_ms: number
  server_cpu_pct_of_one_cpu: number
  viewer_process_cpu_ms: number
  run_wall_s: number
}

async function waitForHealth(url: string, app: ChildProcess) {
  // A first start builds the app: minutes, not seconds.
  for (const end = Date.now() + 15 * 60_000; Date.now() < end; await sleep(500)) {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}) before it was healthy`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
  }
  throw new Error(`${url} not healthy after 15 min`)
}

/** One viewer: reads the stream to its end; pushes the latency of every line printed after it connected. */
async function view(url: string, token: string, latencies: number[]) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status} ${await response.text()}`)
  const connectedAt = Date.now()
  const partial = new Map<string, string>()
  let lines = 0
  const parser = createParser({
    onEvent(e) {
      if (e.event !== 'output') return
      const now = Date.now()
      const o = JSON.parse(e.data) as LiveOutput
      const key = `${o.targetRunId}:${o.stream}`
      const text = (partial.get(key) ?? '') + o.text
      const cut = text.lastIndexOf('\n') + 1
      partial.set(key, text.slice(cut))
      for (const line of text.slice(0, cut).split('\n')) {
        const printed = /^L\d+ (\d+\.\d+)$/.exec(line)?.[1]
        if (!printed) continue
        lines++
        const ms = Number(printed) * 1000
        if (ms >= connectedAt) latencies.push(now - ms)
      }
    },
  })
  const decoder = new TextDecoder()
  const reader = response.body.getReader()
  for (let read = await reader.read(); !read.done; read = await reader.read())
    parser.feed(decoder.decode(read.value, { stream: true }))
  return lines
}

async function measure(
  world: World,
  base: string,
  tokens: string[],
  opts: { viewers: number; targets: number; seconds: number },
  serverCpuMs: () => number,
): Promise<ViewersResult> {
  const cpu0 = serverCpuMs()
  const own0 = process.cpuUsage()
  const t0 = Date.now()
  const run = await queueRun(world, ticker(opts.seconds), opts.targets, opts.targets)
  const url = `${base}/api/v1/runs/${run.id}/events?targetRun=all`
  const latencies: number[] = []
  // Connected before its first line: the server claims a queued run at its next poll (≤ 1 s).
  const received = await Promise.all(tokens.slice(0, opts.viewers).map((token) => view(url, token, latencies)))
  const cpuMs = serverCpuMs() - cpu0
  const windowMs = Date.now() - t0
  const own = process.cpuUsage(own0)
  const row = await db.run.findUniqueOrThrow({
    where: { id: run.id },
    select: { status: true, startedAt: true, finishedAt: true },
  })
  const wallMs = row.finishedAt!.getTime() - row.startedAt!.getTime()
  const failed = await db.targetRun.findMany({
    where: { runId: run.id, status: { not: 'succeeded' } },
    select: { status: true, error: true },
  })
  const linesPrinted = Math.max(...received)
  return {
    viewers: opts.viewers,
    targets: opts.targets,
    lines_printed: linesPrinted,
    lines_per_viewer_min: Math.min(...received),
    latency_ms: {
      median: round(median(latencies), 0),
      p95: round(p95(latencies), 0),
      // Not Math.max(...): millions of samples overflow the call stack as arguments.
      max: round(
        latencies.reduce((a, b) => Math.max(a, b), -Infinity),
        0,
      ),
      samples: latencies.length,
    },
    run_status: row.status,
    target_runs_not_succeeded: failed.length,
    target_run_errors: [...new Set(failed.map((t) => `${t.status}: ${t.error ?? ''}`))],
    server_cpu_ms: Math.round(cpuMs),
    server_cpu_pct_of_one_cpu: round((cpuMs / windowMs) * 100, 0),
    viewer_process_cpu_ms: Math.round((own.user + own.system) / 1000),
    run_wall_s: round(wallMs / 1000, 1),
  }
}

/** The server as `npm start` starts it, on the benchmark's database; its process tree in a cgroup of its own. */
async function startServer(env: NodeJS.ProcessEnv, maxSsh: number, log: (message: string) => void) {
  const dir = mkdtempSync(path.join(tmpdir(), 'fanout-bench-scale-sse-'))
  const group = createCpuGroup('scale-out-server')
  const port = await freePort()
  const app = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: {
      ...env,
      FANOUT_DATA_DIR: dir,
      PORT: String(port),
      FANOUT_HOST: '127.0.0.1',
      // Every target of the run at once; no periodic checks logging in to the benchmark's targets.
      FANOUT_MAX_SSH: String(maxSsh),
      FANOUT_TARGET_CHECK_INTERVAL: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  // Before it forks `next start`: the whole tree is counted.
  group?.add(app.pid!)
  return {
    base: `http://127.0.0.1:${port}`,
    app,
    cpuMs: () => group?.usageMs() ?? NaN,
    async stop() {
      if (app.pid && app.exitCode === null) {
        const gone = new Promise((resolve) => app.once('exit', resolve))
        process.kill(-app.pid, 'SIGTERM')
        await Promise.race([gone, sleep(10_000)])
      }
      group?.remove()
      rmSync(dir, { recursive: true, force: true })
      log('sse: server stopped')
    },
  }
}

/**
 * Part 3: the server up on the benchmark's database, one warm-up run, then a run per viewer
 * count. `track` gets the server's stop, for the benchmark to call when it ends or is interrupted.
 */
export async function liveViewers(
  hosts: Hosts,
  env: NodeJS.ProcessEnv,
  opts: { targets: number; seconds: number; viewerCounts: number[]; repeat: number },
  track: (stop: () => Promise<void>) => void,
): Promise<(ViewersResult & { trials: number[] })[]> {
  const world = await createWorld({ label: 'sse', ...hosts, targets: opts.targets })
  const most = Math.max(...opts.viewerCounts)
  const tokens: string[] = []
  for (let i = 0; i < most; i++)
    tokens.push((await createApiToken(world.scope, { name: `viewer-${i}`, scope: 'read', expiresOn: '' })).secret)
  // An open SQLite connection would hold the lock the server's start takes to migrate; reopened on first use.
  await db.$disconnect()
  const server = await startServer(env, opts.targets, hosts.log)
  track(server.stop)
  await waitForHealth(`${server.base}/api/health`, server.app)
  hosts.log(`sse: server up on ${server.base}`)
  // Not counted: the first request of a route loads its code; the engine's first run warms it.
  const warmUp = { viewers: 1, targets: Math.min(20, opts.targets), seconds: 2 }
  await measure(world, server.base, tokens, warmUp, server.cpuMs)
  const trials = new Map<number, ViewersResult[]>(opts.viewerCounts.map((viewers) => [viewers, []]))
  // Interleaved (1, 50, 1, 50, …), so that the machine's drift falls on every count alike.
  for (let i = 0; i < opts.repeat; i++) {
    for (const viewers of opts.viewerCounts) {
      const counted = { viewers, targets: opts.targets, seconds: opts.seconds }
      const r = await measure(world, server.base, tokens, counted, server.cpuMs)
      hosts.log(`sse ${viewers} viewers: ${JSON.stringify(r)}`)
      trials.get(viewers)!.push(r)
    }
  }
  return [...trials.values()].map((t) => medianTrial(t, (r) => r.latency_ms.median))
}
