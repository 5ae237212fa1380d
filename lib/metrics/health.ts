import 'server-only'
import { loadConfig, type ServerRole } from '@/lib/config'
import { db, provider } from '@/lib/db'
import { engineVitals } from '@/lib/engine/engine'
import { schedulerVitals } from '@/lib/scheduler'

// A loop is alive when it completed a round lately: within a few of its intervals, and never
// less than this (a slow database round under load is not death).
const MIN_STALE_MS = 30_000

interface Loop {
  intervalMs: number
  lastAt: number | null
}

function loopHealth(loops: Loop[], now: number) {
  if (loops.length === 0) return { ok: false, error: 'not started in this process' }
  const lastAt = Math.max(...loops.map((l) => l.lastAt ?? 0))
  const staleAfter = Math.max(MIN_STALE_MS, ...loops.map((l) => 5 * l.intervalMs))
  const last = lastAt ? new Date(lastAt).toISOString() : null
  if (now - lastAt > staleAfter) return { ok: false, last, error: last ? 'no round completed lately' : 'no round yet' }
  return { ok: true, last }
}

/**
 * Whether the database answers and this process's engine and scheduler are turning; a web
 * replica (FANOUT_ROLE=web) runs neither, and is healthy without them.
 */
export async function checkHealth(role: ServerRole = loadConfig().FANOUT_ROLE) {
  const started = Date.now()
  let database: { ok: boolean; provider: string; latencyMs?: number }
  try {
    await db.$queryRawUnsafe('SELECT 1')
    database = { ok: true, provider, latencyMs: Date.now() - started }
  } catch {
    database = { ok: false, provider }
  }
  if (role === 'web') {
    const elsewhere = { ok: true, role: 'runs on the worker replicas' }
    return { ok: database.ok, role, db: database, engine: elsewhere, scheduler: elsewhere }
  }
  const now = Date.now()
  const engine = loopHealth(
    engineVitals().map((e) => ({ intervalMs: e.pollMs, lastAt: e.lastTickAt })),
    now,
  )
  const scheduler = loopHealth(
    schedulerVitals().map((s) => ({ intervalMs: s.syncMs, lastAt: s.lastSyncAt })),
    now,
  )
  return { ok: database.ok && engine.ok && scheduler.ok, role, db: database, engine, scheduler }
}
