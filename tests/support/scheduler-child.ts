// A Fanout scheduler in a process of its own, for tests of several servers on one database.
// Run it with tsx like tests/support/engine-child.ts (tests/scheduler/replicas.db.test.ts
// writes the tsconfig). It runs against DATABASE_URL, syncs every FANOUT_SCHEDULER_SYNC
// seconds, prints "scheduler ready" once loaded, then one line per fire it tried to claim:
// "fire <taskId> <scheduledFor ISO> <outcome, or 'taken' when another process had it>".
// SIGTERM stops it once the claims under way are done.
import { startScheduler } from '@/lib/scheduler'

const scheduler = startScheduler({
  syncMs: Number(process.env.FANOUT_SCHEDULER_SYNC ?? 1) * 1000,
  onFire: ({ taskId, scheduledFor, outcome }) =>
    process.stdout.write(`fire ${taskId} ${scheduledFor.toISOString()} ${outcome ?? 'taken'}\n`),
})
// The scheduler's timers do not keep a process alive (a server's HTTP listener would).
setInterval(() => {}, 60_000)
// The database pool would hold the process open for its idle timeout: exit once stopped.
process.once('SIGTERM', () => void scheduler.stop().then(() => process.exit(0)))
void scheduler.ready.then(() => process.stdout.write('scheduler ready\n'))
