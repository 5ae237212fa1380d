// A Fanout engine in a process of its own, for tests that kill a server outright. Run it
// with tsx and a tsconfig whose paths map '@/*' to the repository and 'server-only' to
// tests/support/empty.ts, as vitest's aliases do (tests/engine/restart.db.test.ts writes
// one). The react-server condition would empty 'server-only' too, but it also swaps React
// for its server build, which lib/action's next/navigation import cannot load outside Next.
//
// It runs against DATABASE_URL (FANOUT_MASTER_KEY opens secrets) with a lease of
// FANOUT_TEST_LEASE_MS, prints "engine ready <ownerId>" once started, and runs until killed.
import { startEngine } from '@/lib/engine/engine'

const engine = startEngine({
  leaseMs: Number(process.env.FANOUT_TEST_LEASE_MS ?? 2_000),
  maxSsh: 50,
  outputCap: 1024 * 1024,
  pollMs: 100,
})
// The engine's timer does not keep a process alive (a server's HTTP listener would).
setInterval(() => {}, 60_000)
process.stdout.write(`engine ready ${engine.ownerId}\n`)
