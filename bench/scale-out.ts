// Scale-out (issue 10): several Fanout replicas on one PostgreSQL, and many viewers of one
// live run. Three parts, each optional (BENCH_SCALE_PARTS): `cron`, a per-second task
// fired by three replicas; `workers`, runs on 2,000 targets executed by three replicas;
// `sse`, 1 and 50 clients reading a live 400-target run from a `next start` server. Writes
// a "Scale-out" section into bench/RESULTS.md and `scale_out` into bench/results.json,
// leaving the rest as it is (BENCH_OUT to write elsewhere). bench/README.md has the knobs.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startPostgres } from '../tests/support/postgres'
import { ensureTestUser, generateKeyPair, type SshHost, startSshd } from '../tests/support/sshd'
import { applyMigrations } from '../lib/db/migrations.mjs'
import { createCpuGroup } from './cpu-group'
import { loadAverage } from './machine'
import { type Replica, startReplica } from './scale-out-replica-process'
import { type Spread, writeScaleOut, type ScaleOutResults } from './scale-out-report'
import { medianTrial } from './sampling'

const knobs = {
  parts: (process.env.BENCH_SCALE_PARTS ?? 'cron,workers,sse').split(','),
  replicas: Number(process.env.BENCH_SCALE_REPLICAS ?? 3),
  cronSeconds: Number(process.env.BENCH_SCALE_CRON_SECONDS ?? 60),
  workerTargets: Number(process.env.BENCH_SCALE_TARGETS ?? 2000),
  parallelism: Number(process.env.BENCH_SCALE_PARALLELISM ?? 100),
  sseTargets: Number(process.env.BENCH_SCALE_SSE_TARGETS ?? 400),
  sseSeconds: Number(process.env.BENCH_SCALE_SSE_SECONDS ?? 20),
  viewers: (process.env.BENCH_SCALE_VIEWERS ?? '1,50').split(',').map(Number),
  /** Trials of each `workers` and `sse` measurement; the median one is reported. */
  repeat: Number(process.env.BENCH_SCALE_REPEAT ?? 3),
  /** sqlite: the `sse` part alone on a SQLite file (one database per process; replicas need PostgreSQL). */
  database: process.env.BENCH_SCALE_DB === 'sqlite' ? ('sqlite' as const) : ('postgresql' as const),
}
const outDir = process.env.BENCH_OUT ?? 'bench'
const sshdCount = 4
const log = (message: string) => console.error(`[bench:scale-out ${new Date().toISOString().slice(11, 19)}] ${message}`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What was started, stopped last first: replicas and the server before the sshds and the database. */
const cleanup: (() => Promise<unknown>)[] = []
async function runCleanup() {
  for (const step of cleanup.splice(0).reverse()) await step().catch((e: unknown) => log(`cleanup: ${String(e)}`))
}

/** Waits while the test suite runs: measured on top of it, both would be wrong. */
async function quietMachine() {
  while (process.env.BENCH_SCALE_WAIT !== '0' && spawnSync('pgrep', ['-f', 'scripts/test.sh']).status === 0) {
    log('a test suite (scripts/test.sh) is running: waiting for it to end')
    await sleep(30_000)
  }
}

let dbCpuMs = () => NaN

/** A database on a throwaway cluster; backends forked from here on (every replica's and the server's connections) count as its CPU. */
async function postgresDatabase() {
  const cluster = await startPostgres()
  const group = createCpuGroup('scale-out-pg')
  // Removed once the cluster is gone: a group with processes in it cannot be.
  cleanup.push(async () => group?.remove())
  cleanup.push(() => cluster.destroy())
  group?.add(Number(readFileSync(path.join(cluster.dir, 'data/postmaster.pid'), 'utf8').split('\n')[0]))
  dbCpuMs = () => group?.usageMs() ?? NaN
  return cluster.createDatabase()
}

async function main() {
  if (knobs.database === 'sqlite' && knobs.parts.some((part) => part !== 'sse'))
    throw new Error('BENCH_SCALE_DB=sqlite measures the sse part alone: set BENCH_SCALE_PARTS=sse')
  // --report: the section written again from results.json, after scale-out-notes.md was edited.
  if (process.argv.includes('--report')) {
    const json = JSON.parse(readFileSync(path.join(outDir, 'results.json'), 'utf8')) as { scale_out: ScaleOutResults }
    return writeScaleOut(outDir, json.scale_out)
  }
  const started = Date.now()
  const dir = mkdtempSync(path.join(tmpdir(), 'fanout-bench-scale-'))
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }))
  // Interrupted, it still stops what it started.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void runCleanup().then(() => process.exit(130)))
  try {
    const user = await ensureTestUser()
    const key = generateKeyPair()
    const url = knobs.database === 'sqlite' ? `file:${path.join(dir, 'fanout.db')}` : await postgresDatabase()
    const env = { ...process.env, DATABASE_URL: url, FANOUT_MASTER_KEY: randomBytes(32).toString('hex') }
    Object.assign(process.env, env)
    await applyMigrations(url)
    // Imported once the environment names the database: lib/db opens it on first use.
    const parts = await import('./scale-out-replicas')
    const { liveViewers } = await import('./scale-out-sse')
    const { db } = await import('@/lib/db')
    cleanup.push(() => db.$disconnect())
    if (knobs.database === 'postgresql') await parts.installClaimLog()

    const sshds: SshHost[] = []
    for (let i = 0; i < sshdCount; i++) sshds.push(await startSshd({ authorizedKeys: [key.publicKey] }))
    cleanup.push(() => Promise.all(sshds.map((s) => s.stop())))
    const hosts = {
      sshds: sshds.map((s) => ({ host: s.host, port: s.port, fingerprint: s.hostKeyFingerprint })),
      username: user.username,
      privateKey: key.privateKey,
      log,
    }
    const results: ScaleOutResults = { date: '', load_average: [], knobs, duration_s: 0, measured: {} }
    const measured = (part: string) =>
      (results.measured[part] = {
        date: new Date().toISOString(),
        database: knobs.database,
        load_average: loadAverage(),
      })

    let replicas: Replica[] = []
    const startReplicas = async (replicaEnv: NodeJS.ProcessEnv) => {
      const started = await Promise.all(
        Array.from({ length: knobs.replicas }, (_, i) => startReplica(`replica-${i + 1}`, replicaEnv)),
      )
      log(`${started.length} replicas ready: ${started.map((r) => r.ownerId).join(', ')}`)
      return started
    }
    const stopReplicas = (which: Replica[]) => Promise.all(which.map((r) => r.stop()))
    cleanup.push(() => stopReplicas(replicas))
    if (knobs.parts.includes('cron') || knobs.parts.includes('workers')) {
      replicas = await startReplicas(env)
    }
    if (knobs.parts.includes('cron')) {
      await quietMachine()
      const syncS = Number(process.env.FANOUT_SCHEDULER_SYNC ?? 3)
      results.cron = await parts.perSecondTask(replicas, hosts, knobs.cronSeconds, syncS)
      log(`cron: ${JSON.stringify(results.cron)}`)
      measured('cron')
    }
    if (knobs.parts.includes('workers')) {
      const world = await parts.workerWorld(hosts, knobs.workerTargets)
      log(`workers: ${knobs.workerTargets} targets created`)
      const spread = async (label: string, slices: string[][], on: Replica[]) => {
        await quietMachine()
        const db0 = dbCpuMs()
        const r = await parts.runsAtOnce(world, on, label, slices, knobs.parallelism, log)
        return { ...r, db_cpu_ms: Math.round(dbCpuMs() - db0) }
      }
      const trials = { one: [] as Spread[], thirds: [] as Spread[], alone: [] as Spread[] }
      // Interleaved, so that the machine's drift falls on every measurement alike.
      for (let i = 0; i < knobs.repeat; i++) {
        trials.one.push(await spread('one run', [world.targetIds], replicas))
        trials.thirds.push(await spread('three runs', parts.thirds(world.targetIds), replicas))
      }
      // The same three runs on one replica as a server starts it: what the other two added.
      await stopReplicas(replicas)
      replicas = [await startReplica('replica-1', env)]
      // Not counted: a replica just started loads code on its first run.
      await parts.runsAtOnce(world, replicas, 'warm-up', [world.targetIds.slice(0, 100)], knobs.parallelism, log)
      for (let i = 0; i < knobs.repeat; i++)
        trials.alone.push(await spread('three runs, one replica', parts.thirds(world.targetIds), replicas))
      const wall = (s: Spread) => s.wall_s
      results.workers = {
        targets: knobs.workerTargets,
        parallelism: knobs.parallelism,
        one: medianTrial(trials.one, wall),
        thirds: medianTrial(trials.thirds, wall),
        alone: medianTrial(trials.alone, wall),
      }
      measured('workers')
    }
    await stopReplicas(replicas)
    if (knobs.parts.includes('sse')) {
      await quietMachine()
      results.sse = await liveViewers(
        hosts,
        env,
        {
          targets: knobs.sseTargets,
          seconds: knobs.sseSeconds,
          viewerCounts: knobs.viewers,
          repeat: knobs.repeat,
        },
        (stop) => cleanup.push(stop),
      )
      measured('sse')
    }
    results.date = new Date().toISOString()
    results.load_average = loadAverage()
    results.duration_s = Math.round((Date.now() - started) / 1000)
    writeScaleOut(outDir, results)
    log(`done in ${results.duration_s} s: ${outDir}/RESULTS.md, ${outDir}/results.json`)
  } finally {
    await runCleanup()
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('[bench:scale-out] failed:', e instanceof Error ? (e.stack ?? e.message) : e)
    process.exit(1)
  },
)
