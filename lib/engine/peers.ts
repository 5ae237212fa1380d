import 'server-only'
import { db } from '@/lib/db'

// Engines on one database share a burst of queued runs. Each engine says in the Engine
// table, every tick, how many runs it holds and may hold; before claiming it works out its
// fair share. Without this the first engine to poll (or the one of the replica that queued
// the runs, which is woken at once) takes as many as it has room for (20) while the others idle.

export interface EngineLoad {
  id: string
  runs: number
  maxRuns: number
  pollMs: number
}

/**
 * How long a row counts as a live engine's: a few of its ticks, and no less than 5 s, as a
 * tick on a loaded server takes seconds; a crashed engine drops out that soon.
 */
const aliveFor = (pollMs: number) => Math.max(5 * pollMs, 5000)

/**
 * Records this engine's load and returns how many runs it should hold once it has claimed
 * this tick: an equal share of the runs held and queued among the live engines with free
 * slots, so the least loaded always claims at least one and a lone engine claims them all.
 */
export async function fairShare(self: EngineLoad): Promise<number> {
  const now = new Date()
  const row = { runs: self.runs, maxRuns: self.maxRuns, aliveUntil: new Date(now.getTime() + aliveFor(self.pollMs)) }
  await db.engine.upsert({ where: { id: self.id }, create: { id: self.id, ...row }, update: row })
  if (self.runs >= self.maxRuns) return self.maxRuns
  const queued = await db.run.count({ where: { status: 'queued' } })
  if (!queued) return self.runs
  const engines = await db.engine.findMany({
    where: { aliveUntil: { gt: now } },
    select: { runs: true, maxRuns: true },
  })
  const open = engines.filter((e) => e.runs < e.maxRuns)
  const held = open.reduce((sum, e) => sum + e.runs, 0)
  return Math.min(self.maxRuns, Math.ceil((held + queued) / open.length))
}

/** Records the load after a claim, so engines ticking next count the runs just taken. */
export async function recordLoad(self: Pick<EngineLoad, 'id' | 'runs'>): Promise<void> {
  await db.engine.updateMany({ where: { id: self.id }, data: { runs: self.runs } })
}

/** Removes this engine's row (it stops), and those of engines long dead. */
export async function leaveEngines(id: string): Promise<void> {
  await db.engine.deleteMany({ where: { OR: [{ id }, { aliveUntil: { lt: new Date(Date.now() - 3_600_000) } }] } })
}
