import 'server-only'
import { db } from '@/lib/db'
import { checkConcurrency, checkEndpoint } from './check'
import { mapWithConcurrency } from '@/lib/concurrency'

/**
 * Re-checks targets whose last check is older than the interval, oldest first, a bounded
 * batch per tick, in every enabled tenant. Several replicas may overlap a little; a check
 * is idempotent, so that costs only a connection.
 */
export function startPeriodicChecks(
  intervalSeconds: number,
  { tickMs = Math.min(60_000, intervalSeconds * 1000) } = {},
) {
  if (intervalSeconds <= 0) return () => {}
  let running = false
  const timer = setInterval(async () => {
    if (running) return
    running = true
    try {
      const due = await db.target.findMany({
        where: {
          tenant: { disabled: false },
          OR: [{ lastCheckedAt: null }, { lastCheckedAt: { lt: new Date(Date.now() - intervalSeconds * 1000) } }],
        },
        orderBy: { lastCheckedAt: { sort: 'asc', nulls: 'first' } },
        take: 200,
        select: { id: true, tenantId: true },
      })
      await mapWithConcurrency(due, checkConcurrency, (t) => checkEndpoint({ tenantId: t.tenantId }, 'target', t.id))
    } catch (error) {
      console.error('[fanout] periodic target check failed:', error instanceof Error ? error.message : error)
    } finally {
      running = false
    }
  }, tickMs)
  timer.unref()
  return () => clearInterval(timer)
}
