import 'server-only'
import { db } from '@/lib/db'
import { engineVitals } from '@/lib/engine/engine'

// The operational figures /api/metrics exports and the system admin home shows: one reading
// of each, so the page and a Prometheus scrape never disagree.

/** SSH connections this process holds open for runs now (other replicas count their own). */
export function activeSshConnections(): number {
  return engineVitals().reduce((sum, engine) => sum + engine.sshSlots.inUse, 0)
}

/** Seconds between the latest schedule fire's due time and its claim by a scheduler; 0 before any fire. */
export async function schedulerLagSeconds(): Promise<number> {
  const latest = await db.taskFire.findFirst({
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true, scheduledFor: true },
  })
  return latest ? Math.max(0, latest.createdAt.getTime() - latest.scheduledFor.getTime()) / 1000 : 0
}

/** Runs of every tenant by status; the queue depth is the `queued` count. */
export function runsByStatus() {
  return db.run.groupBy({ by: ['status'], _count: { _all: true } })
}

export const queueDepth = (runs: Awaited<ReturnType<typeof runsByStatus>>) =>
  runs.find((r) => r.status === 'queued')?._count._all ?? 0

/** Engines alive on this database (one per server process that runs them, lib/engine/peers.ts). */
export function liveEngines(): Promise<number> {
  return db.engine.count({ where: { aliveUntil: { gt: new Date() } } })
}

/** The system admin home's vitals, read now. */
export async function systemFigures() {
  const [runs, lag, engines] = await Promise.all([runsByStatus(), schedulerLagSeconds(), liveEngines()])
  return {
    sshConnections: activeSshConnections(),
    queueDepth: queueDepth(runs),
    schedulerLagSeconds: lag,
    engines,
  }
}
