// Parts 1 and 2 of the scale-out benchmark: replicas (scale-out-replica.ts) sharing one
// PostgreSQL database. Which engine claimed a run is read from bench_claim, a table a
// trigger fills on the benchmark's throwaway database (installClaimLog): the engine clears
// a run's owner when it ends, and a replica does not otherwise say what it claimed.
import { db } from '@/lib/db'
import { setTaskEnabled } from '@/lib/tasks/queries'
import type { SshdAddress } from './protocol'
import { median, round } from './sampling'
import type { Replica } from './scale-out-replica-process'
import { createWorld, queueOn, queueRun, type World } from './world'

const finished = ['succeeded', 'failed', 'cancelled', 'timed_out', 'interrupted']
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** The 95th percentile: the value 95% of them do not exceed. */
export const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.95) - 1)]

export interface Hosts {
  sshds: SshdAddress[]
  username: string
  privateKey: string
  log(message: string): void
}

export async function installClaimLog() {
  await db.$executeRawUnsafe('CREATE TABLE bench_claim (run_id text, owner_id text, at timestamptz)')
  await db.$executeRawUnsafe(`CREATE FUNCTION bench_claim() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO bench_claim VALUES (NEW.id, NEW."ownerId", clock_timestamp()); RETURN NEW; END $$`)
  await db.$executeRawUnsafe(`CREATE TRIGGER bench_claim AFTER UPDATE OF "ownerId" ON "Run" FOR EACH ROW
    WHEN (NEW."ownerId" IS NOT NULL AND NEW."ownerId" IS DISTINCT FROM OLD."ownerId") EXECUTE FUNCTION bench_claim()`)
}

/** Replica name → how many of these runs its engine claimed. */
async function claimsBy(replicas: Replica[], runIds: string[]) {
  const rows = await db.$queryRawUnsafe<{ owner_id: string }[]>(
    'SELECT owner_id FROM bench_claim WHERE run_id = ANY($1)',
    runIds,
  )
  return Object.fromEntries(replicas.map((r) => [r.name, rows.filter((row) => row.owner_id === r.ownerId).length]))
}

async function waitFinished(runIds: string[], timeoutMs: number) {
  for (const end = Date.now() + timeoutMs; ; await sleep(100)) {
    const runs = await db.run.findMany({
      where: { id: { in: runIds } },
      select: { id: true, status: true, error: true, createdAt: true, startedAt: true, finishedAt: true },
    })
    if (runs.length === runIds.length && runs.every((r) => finished.includes(r.status))) return runs
    if (Date.now() > end) throw new Error(`runs not finished after ${timeoutMs / 1000} s`)
  }
}

/**
 * Part 1: one cron task `* * * * * *` on one target, enabled while the replicas run, and
 * the fires of a window of whole seconds counted once every replica knows the task.
 */
export async function perSecondTask(replicas: Replica[], hosts: Hosts, seconds: number, syncS: number) {
  const world = await createWorld({ label: 'cron', ...hosts, sshds: hosts.sshds.slice(0, 1), targets: 1 })
  // Queued once by hand: it saves the script the task runs.
  await queueRun(world, 'echo hello\n', 1, 1)
  const { tenantId, userId } = world.scope
  // overlap 'allow': a run still going must not turn a fire into a skip; the count is the scheduler's.
  const task = await db.task.create({
    data: {
      tenantId,
      name: 'every-second',
      type: 'cron',
      cron: '* * * * * *',
      parallelism: 1,
      timeoutSeconds: 60,
      overlap: 'allow',
      enabled: false,
      createdById: userId,
      steps: { create: [{ tenantId, position: 0, kind: 'script', scriptId: world.scripts.get('echo hello\n')! }] },
      targets: { create: [{ tenantId, targetId: world.targetIds[0] }] },
    },
  })
  await setTaskEnabled(world.scope, task.id, true)
  // Every replica has read the task by its next sync; the window starts after that.
  const from = Math.ceil((Date.now() + syncS * 1000 + 2000) / 1000) * 1000
  const to = from + seconds * 1000
  hosts.log(`cron: task enabled, counting fires from ${new Date(from).toISOString()} for ${seconds} s`)
  await sleep(to + 1500 - Date.now())
  await setTaskEnabled(world.scope, task.id, false)

  const fires = await db.taskFire.findMany({ where: { taskId: task.id }, orderBy: { scheduledFor: 'asc' } })
  const runIds = fires.flatMap((f) => (f.runId ? [f.runId] : []))
  const runs = await waitFinished(runIds, 120_000)
  const allRuns = await db.run.count({ where: { taskId: task.id } })
  const inWindow = fires.filter((f) => f.scheduledFor.getTime() >= from && f.scheduledFor.getTime() < to)
  const windowSeconds = new Set(inWindow.map((f) => f.scheduledFor.getTime()))
  const missing = Array.from({ length: seconds }, (_, i) => from + i * 1000).filter((s) => !windowSeconds.has(s))
  const byId = new Map(runs.map((r) => [r.id, r]))
  const windowRuns = inWindow.flatMap((f) => {
    const run = f.runId ? byId.get(f.runId) : undefined
    return run ? [{ fire: f, run }] : []
  })
  const queuedLag = windowRuns.map(({ fire, run }) => run.createdAt.getTime() - fire.scheduledFor.getTime())
  const startLag = windowRuns.map(({ fire, run }) => run.startedAt!.getTime() - fire.scheduledFor.getTime())
  const firedBy = Object.fromEntries(
    replicas.map((r) => [
      r.name,
      r.fires.filter((f) => f.taskId === task.id && windowSeconds.has(new Date(f.scheduledFor).getTime())).length,
    ]),
  )
  return {
    seconds,
    replicas: replicas.length,
    fires_in_window: inWindow.length,
    distinct_seconds: windowSeconds.size,
    missing_seconds: missing.length,
    runs_in_window: windowRuns.length,
    runs_succeeded: windowRuns.filter(({ run }) => run.status === 'succeeded').length,
    // Every run of the task has a fire and no fire has two runs: runs == fires with a run.
    runs_without_fire: allRuns - runIds.length,
    outcomes: [...new Set(inWindow.map((f) => f.outcome))],
    fired_by: firedBy,
    executed_by: await claimsBy(
      replicas,
      windowRuns.map(({ run }) => run.id),
    ),
    queued_lag_ms: { median: round(median(queuedLag), 0), p95: p95(queuedLag), max: Math.max(...queuedLag) },
    start_lag_ms: { median: round(median(startLag), 0), p95: p95(startLag), max: Math.max(...startLag) },
  }
}

export interface SpreadResult {
  label: string
  runs: number[]
  wall_s: number
  run_wall_s: number[]
  succeeded: number
  /** Each run's status and error: a run whose output could not all be stored ends failed. */
  run_status: string[]
  run_errors: string[]
  per_replica: Record<string, { runs: number; cpu_ms: number; peak_rss_mib: number }>
}

/** Part 2's measurement: runs queued at once on slices of the targets, until all have finished. */
export async function runsAtOnce(
  world: World,
  replicas: Replica[],
  label: string,
  slices: string[][],
  parallelism: number,
  log: (message: string) => void,
): Promise<SpreadResult> {
  const scriptId = world.scripts.get('echo hello\n')!
  for (const r of replicas) r.resetPeak()
  const cpu0 = replicas.map((r) => r.cpuMs())
  const t0 = Date.now()
  const runIds = (
    await Promise.all(slices.map((targetIds) => queueOn(world, scriptId, { targetIds, labels: [] }, parallelism)))
  ).map((q) => q.runId)
  const runs = await waitFinished(runIds, 15 * 60_000)
  const end = Math.max(...runs.map((r) => r.finishedAt!.getTime()))
  const claims = await claimsBy(replicas, runIds)
  const succeeded = await db.targetRun.count({ where: { runId: { in: runIds }, status: 'succeeded' } })
  const result: SpreadResult = {
    label,
    runs: slices.map((s) => s.length),
    wall_s: round((end - t0) / 1000, 1),
    run_wall_s: runIds.map((id) => {
      const run = runs.find((r) => r.id === id)!
      return round((run.finishedAt!.getTime() - run.createdAt.getTime()) / 1000, 1)
    }),
    succeeded,
    run_status: runIds.map((id) => runs.find((r) => r.id === id)!.status),
    run_errors: runs.flatMap((r) => (r.error ? [r.error] : [])),
    per_replica: Object.fromEntries(
      replicas.map((r, i) => [
        r.name,
        { runs: claims[r.name], cpu_ms: Math.round(r.cpuMs() - cpu0[i]), peak_rss_mib: round(r.peakRssMiB(), 0) },
      ]),
    ),
  }
  log(
    `workers ${label}: ${result.wall_s} s, runs ${result.run_status.join(', ')}, ${succeeded} target-runs succeeded, ${JSON.stringify(claims)}`,
  )
  return result
}

/** Part 2's world: `targets` targets over the sshds, and a warm-up run (not counted) that saves the script. */
export async function workerWorld(hosts: Hosts, targets: number) {
  const world = await createWorld({ label: 'workers', ...hosts, targets })
  await waitFinished([(await queueRun(world, 'echo hello\n', Math.min(100, targets), 100)).id], 120_000)
  return world
}

export function thirds(ids: string[]) {
  const size = Math.ceil(ids.length / 3)
  return [ids.slice(0, size), ids.slice(size, 2 * size), ids.slice(2 * size)]
}
