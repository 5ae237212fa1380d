import 'server-only'
import { loadConfig } from '@/lib/config'
import { startEngine } from '@/lib/engine/engine'
import { startDeliveryWorker } from '@/lib/notify/deliveries'
import { startScheduler } from '@/lib/scheduler'
import { ensureAdminFromEnvironment } from '@/lib/setup/from-environment'
import { startPeriodicChecks } from '@/lib/targets/periodic-check'

/** Called from instrumentation.ts when a server process starts. */
export async function boot() {
  const config = loadConfig()
  await ensureAdminFromEnvironment(config)
  // A web replica leaves the work to worker replicas: runs it queues are claimed by their
  // engines within a poll (1 s), and its live pages read what they write.
  if (config.FANOUT_ROLE === 'web') return
  startPeriodicChecks(config.FANOUT_TARGET_CHECK_INTERVAL)
  // Before the engine: the scheduler's first read of when each task last changed (misfire
  // detection) should precede the engine's first tick, which ends a dead server's runs and
  // so touches their tasks.
  startScheduler({ syncMs: config.FANOUT_SCHEDULER_SYNC * 1000 })
  startEngine({
    leaseMs: config.FANOUT_RUN_LEASE * 1000,
    maxSsh: config.FANOUT_MAX_SSH,
    outputCap: config.FANOUT_OUTPUT_CAP,
  })
  startDeliveryWorker()
}
