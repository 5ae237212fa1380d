import 'server-only'
import { db, provider } from '@/lib/db'

// Run ownership (ARCHITECTURE.md decision 5). An engine claims a queued run atomically,
// holds it with a lease its heartbeat extends, and any engine finishes a run whose lease
// ran out as interrupted — so nothing is ever left "running" after a crash.

export const interruptedMessage = 'The server running it stopped before it finished.'

/**
 * Claims the oldest queued run for this engine, or returns null when none is queued.
 * PostgreSQL: one statement with FOR UPDATE SKIP LOCKED, so engines never wait on each
 * other. SQLite has a single writer: a conditional update decides.
 */
export async function claimQueuedRun(ownerId: string, leaseMs: number): Promise<string | null> {
  const now = new Date()
  const leaseUntil = new Date(now.getTime() + leaseMs)
  if (provider === 'postgresql') {
    const rows = await db.$queryRaw<{ id: string }[]>`
      UPDATE "Run" SET "status" = 'running', "ownerId" = ${ownerId}, "leaseExpiresAt" = ${leaseUntil},
        "startedAt" = COALESCE("startedAt", ${now})
      WHERE "id" = (
        SELECT "id" FROM "Run" WHERE "status" = 'queued' ORDER BY "createdAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`
    return rows[0]?.id ?? null
  }
  for (;;) {
    const next = await db.run.findFirst({
      where: { status: 'queued' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, startedAt: true },
    })
    if (!next) return null
    // A run continued after a confirmation keeps when it first started.
    const { count } = await db.run.updateMany({
      where: { id: next.id, status: 'queued' },
      data: { status: 'running', ownerId, leaseExpiresAt: leaseUntil, startedAt: next.startedAt ?? now },
    })
    if (count === 1) return next.id
  }
}

/** Extends this engine's leases on the runs it is still executing; returns those it still holds. */
export async function renewLeases(ownerId: string, runIds: string[], leaseMs: number): Promise<string[]> {
  if (!runIds.length) return []
  await db.run.updateMany({
    where: { id: { in: runIds }, ownerId, status: 'running' },
    data: { leaseExpiresAt: new Date(Date.now() + leaseMs) },
  })
  const held = await db.run.findMany({
    where: { id: { in: runIds }, ownerId, status: 'running' },
    select: { id: true },
  })
  return held.map((r) => r.id)
}

/**
 * Finishes every running run whose lease expired as interrupted, marking its unfinished
 * target-runs interrupted too. Safe to call from many engines at once: each run is
 * finished by exactly one of them. Returns the ids it finished. `own` gives the reason for
 * the caller's own runs, when it knows why it could not renew them.
 */
export async function interruptExpiredRuns(
  now = new Date(),
  own?: { ownerId: string; reason: string },
): Promise<string[]> {
  const expired = await db.run.findMany({
    where: { status: 'running', leaseExpiresAt: { lt: now } },
    select: { id: true, ownerId: true },
    take: 500,
  })
  const finished: string[] = []
  for (const { id, ownerId } of expired) {
    const error = own && ownerId === own.ownerId ? own.reason : interruptedMessage
    const done = await db.$transaction(async (tx) => {
      const { count } = await tx.run.updateMany({
        where: { id, status: 'running', leaseExpiresAt: { lt: now } },
        data: {
          status: 'interrupted',
          finishedAt: now,
          error,
          ownerId: null,
          leaseExpiresAt: null,
        },
      })
      if (count !== 1) return false
      await tx.targetRun.updateMany({
        where: { runId: id, status: { in: ['queued', 'running'] } },
        data: { status: 'interrupted', finishedAt: now, error },
      })
      return true
    })
    if (done) finished.push(id)
  }
  return finished
}
