import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db, type Prisma } from '@/lib/db'
import { wakeEngines } from '@/lib/engine/engine'
import { runChanged } from '@/lib/engine/run-events'
import type { Confirmation } from '@/lib/engine/rollout'
import { followRunStatus } from '@/lib/engine/task-status'
import { notifyConfirmation } from '@/lib/notify/confirmation'
import { notifyRunsEnded } from '@/lib/notify/run-finished'

// Confirmations (PRODUCT.md §3a). A run that reaches one stops holding a lease: its status
// is "waiting" and a RunGate row says where. Continue queues it again (any engine resumes
// it past the gate); Abort or the gate's timeout finishes it as cancelled. Each decision
// is one transaction over the gate and the run, so two people deciding at once cannot
// both win, and a decision never meets a run that is not yet paused.

export interface GateActor {
  type: 'user' | 'token' | 'system'
  id: string | null
  label: string
}

export type GateDecision = 'continue' | 'abort'

export type DecideResult =
  { ok: true; status: 'queued' | 'cancelled' } | { ok: false; error: 'not_found' | 'not_waiting' }

/**
 * Stops a running run at a gate: the gate row is created and the run released in one
 * transaction, then the people the confirmation names are told. False when the run is no
 * longer this engine's to pause (it was interrupted or cancelled meanwhile).
 */
export async function pauseAtGate(
  runId: string,
  gate: { key: string; stepIndex: number; batch: number; message: string; confirmation: Confirmation },
): Promise<boolean> {
  const timeoutMinutes = gate.confirmation.timeoutMinutes
  const now = new Date()
  const created = await db.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where: { id: runId, status: 'running', cancelRequestedAt: null },
      data: { status: 'waiting', ownerId: null, leaseExpiresAt: null },
    })
    if (!count) return null
    const run = await tx.run.findUniqueOrThrow({ where: { id: runId }, select: { tenantId: true } })
    return tx.runGate.upsert({
      where: { runId_key: { runId, key: gate.key } },
      create: {
        runId,
        tenantId: run.tenantId,
        key: gate.key,
        stepIndex: gate.stepIndex,
        batch: gate.batch,
        message: gate.message,
        createdAt: now,
        timeoutAt: timeoutMinutes ? new Date(now.getTime() + timeoutMinutes * 60_000) : null,
      },
      update: {},
      select: { id: true },
    })
  })
  if (!created) return false
  runChanged(runId)
  await followRunStatus([runId], 'waiting')
  try {
    await notifyConfirmation(created.id, gate.confirmation)
  } catch (error) {
    console.error(
      `[fanout] notifying run ${runId}'s confirmation failed:`,
      error instanceof Error ? error.message : error,
    )
  }
  return true
}

/**
 * Continue or abort the run's waiting confirmation. Continue queues the run for any engine
 * to resume; abort cancels it and every target-run it had not reached.
 */
export async function decideGate(
  scope: Pick<Scope, 'tenantId'>,
  runId: string,
  input: { decision: GateDecision; comment?: string | null; actor: GateActor },
): Promise<DecideResult> {
  const gate = await db.runGate.findFirst({
    where: { runId, tenantId: scope.tenantId, status: 'waiting' },
    select: { id: true },
  })
  if (!gate) {
    const exists = await db.run.count({ where: { id: runId, tenantId: scope.tenantId } })
    return { ok: false, error: exists ? 'not_waiting' : 'not_found' }
  }
  const comment = input.comment?.trim() || null
  const decided = {
    decidedAt: new Date(),
    decidedByType: input.actor.type,
    decidedById: input.actor.id,
    decidedByLabel: input.actor.label,
    comment,
  }
  if (input.decision === 'continue') {
    const done = await db
      .$transaction(async (tx) => {
        const g = await tx.runGate.updateMany({
          where: { id: gate.id, status: 'waiting' },
          data: { status: 'continued', ...decided },
        })
        const r = await tx.run.updateMany({
          where: { id: runId, tenantId: scope.tenantId, status: 'waiting' },
          data: { status: 'queued' },
        })
        if (g.count !== 1 || r.count !== 1) throw new NotWaiting()
      })
      .then(
        () => true,
        (error) => (error instanceof NotWaiting ? false : Promise.reject(error)),
      )
    if (!done) return { ok: false, error: 'not_waiting' }
    runChanged(runId)
    await followRunStatus([runId], 'queued')
    wakeEngines()
    return { ok: true, status: 'queued' }
  }
  const reason = `Aborted at a confirmation by ${input.actor.label}${comment ? `: ${comment}` : '.'}`
  const done = await finishAtGate(gate.id, runId, { status: 'aborted', ...decided }, reason)
  return done ? { ok: true, status: 'cancelled' } : { ok: false, error: 'not_waiting' }
}

/** Aborts every run whose confirmation waited past its timeout; any engine may call it. */
export async function expireGates(now = new Date()): Promise<string[]> {
  const due = await db.runGate.findMany({
    where: { status: 'waiting', timeoutAt: { lt: now } },
    select: { id: true, runId: true, createdAt: true, timeoutAt: true },
    take: 100,
  })
  const aborted: string[] = []
  for (const gate of due) {
    const minutes = Math.round((gate.timeoutAt!.getTime() - gate.createdAt.getTime()) / 60_000)
    const reason = `No one confirmed within ${minutes} min: the run was aborted.`
    const decided = { status: 'timed_out', decidedAt: now, decidedByType: 'system', decidedByLabel: 'Timeout' }
    if (await finishAtGate(gate.id, gate.runId, decided, reason)) aborted.push(gate.runId)
  }
  return aborted
}

class NotWaiting extends Error {}

/** The gate decided and the run cancelled with its unreached target-runs, or nothing (false). */
async function finishAtGate(
  gateId: string,
  runId: string,
  gate: Prisma.RunGateUpdateManyMutationInput & { decidedAt: Date },
  reason: string,
): Promise<boolean> {
  const now = gate.decidedAt
  const done = await db
    .$transaction(async (tx) => {
      const g = await tx.runGate.updateMany({ where: { id: gateId, status: 'waiting' }, data: gate })
      const r = await tx.run.updateMany({
        where: { id: runId, status: 'waiting' },
        data: { status: 'cancelled', finishedAt: now, error: reason },
      })
      if (g.count !== 1 || r.count !== 1) throw new NotWaiting()
      await tx.targetRun.updateMany({
        where: { runId, status: { in: ['queued', 'running'] } },
        data: { status: 'cancelled', finishedAt: now },
      })
    })
    .then(
      () => true,
      (error) => (error instanceof NotWaiting ? false : Promise.reject(error)),
    )
  if (!done) return false
  runChanged(runId)
  await followRunStatus([runId], 'cancelled')
  await notifyRunsEnded([runId])
  return true
}
