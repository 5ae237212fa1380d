// One Fanout server process as far as scheduled and queued work goes, for the scale-out
// benchmark (scale-out.ts forks three on one PostgreSQL): the scheduler and the engine,
// started in the order and with the settings lib/boot.ts gives them. No HTTP listener,
// periodic target checks or notification deliveries: they would add work of their own.
// Over IPC it sends 'ready' with its engine's owner id, then every fire it claimed.
import { loadConfig } from '@/lib/config'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { startScheduler } from '@/lib/scheduler'

export type ReplicaMessage =
  { type: 'ready'; ownerId: string } | { type: 'fire'; taskId: string; scheduledFor: string; outcome: string }

const send = (message: ReplicaMessage) => process.send!(message)
const config = loadConfig()
const scheduler = startScheduler({
  syncMs: config.FANOUT_SCHEDULER_SYNC * 1000,
  // outcome null: another replica claimed that fire.
  onFire: ({ taskId, scheduledFor, outcome }) =>
    outcome && send({ type: 'fire', taskId, scheduledFor: scheduledFor.toISOString(), outcome }),
})
const engine = startEngine({
  leaseMs: config.FANOUT_RUN_LEASE * 1000,
  maxSsh: config.FANOUT_MAX_SSH,
  outputCap: config.FANOUT_OUTPUT_CAP,
})
void scheduler.ready.then(() => send({ type: 'ready', ownerId: engine.ownerId }))
process.on('message', (message) => {
  if (message !== 'stop') return
  void Promise.all([scheduler.stop(), engine.stop()])
    .then(() => db.$disconnect())
    .then(() => process.exit(0))
})
