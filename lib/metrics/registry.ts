import 'server-only'
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client'
import { db } from '@/lib/db'
import { runStatuses, targetRunStatuses } from '@/lib/runs/statuses'
import { activeSshConnections, liveEngines, queueDepth, runsByStatus, schedulerLagSeconds } from './figures'

// Prometheus metrics (README "Metrics and health"). Database figures are read at each scrape,
// so every replica reports the same numbers for them; the rest describe this process.

interface FanoutMetrics {
  registry: Registry
  runs: Gauge<'status'>
  targetRuns: Gauge<'status'>
  runsQueued: Gauge
  schedulerLag: Gauge
  outputBytes: Gauge
  engines: Gauge
}

function create(): FanoutMetrics {
  // Our own registry, not prom-client's global one that any library may also write to.
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  new Gauge({
    name: 'fanout_ssh_connections_active',
    help: 'SSH connections this process holds open for runs now.',
    registers,
    collect() {
      this.set(activeSshConnections())
    },
  })
  return {
    registry,
    runs: new Gauge({ name: 'fanout_runs', help: 'Runs by status.', labelNames: ['status'], registers }),
    targetRuns: new Gauge({
      name: 'fanout_target_runs',
      help: 'Target-runs (one target in one step of a run) by status.',
      labelNames: ['status'],
      registers,
    }),
    runsQueued: new Gauge({ name: 'fanout_runs_queued', help: 'Runs waiting for an engine.', registers }),
    schedulerLag: new Gauge({
      name: 'fanout_scheduler_lag_seconds',
      help: 'Seconds between the latest schedule fire’s due time and its claim by a scheduler.',
      registers,
    }),
    outputBytes: new Gauge({
      name: 'fanout_output_bytes_stored',
      help: 'Bytes of run output stored (received minus dropped past the cap).',
      registers,
    }),
    engines: new Gauge({
      name: 'fanout_engines',
      help: 'Engines alive on this database: server processes that run runs (role all or worker).',
      registers,
    }),
  }
}

// Once per process: Next may load this module in more than one bundle.
const metrics: FanoutMetrics = ((globalThis as { fanoutMetrics?: FanoutMetrics }).fanoutMetrics ??= create())

async function readDatabase() {
  const [runs, targetRuns, lag, engines] = await Promise.all([
    runsByStatus(),
    db.targetRun.groupBy({
      by: ['status'],
      _count: { _all: true },
      _sum: { stdoutBytes: true, stderrBytes: true, stdoutDropped: true, stderrDropped: true },
    }),
    schedulerLagSeconds(),
    liveEngines(),
  ])
  for (const status of runStatuses) metrics.runs.set({ status }, 0)
  for (const row of runs) metrics.runs.set({ status: row.status }, row._count._all)
  metrics.runsQueued.set(queueDepth(runs))
  let stored = 0
  for (const status of targetRunStatuses) metrics.targetRuns.set({ status }, 0)
  for (const row of targetRuns) {
    metrics.targetRuns.set({ status: row.status }, row._count._all)
    const sum = row._sum
    stored += (sum.stdoutBytes ?? 0) + (sum.stderrBytes ?? 0) - (sum.stdoutDropped ?? 0) - (sum.stderrDropped ?? 0)
  }
  metrics.outputBytes.set(stored)
  metrics.schedulerLag.set(lag)
  metrics.engines.set(engines)
}

/** The metrics in Prometheus text format, database figures read now. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  await readDatabase()
  return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType }
}
