import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { wakeEngines } from '@/lib/engine/engine'
import { runChanged } from '@/lib/engine/run-events'
import { notifyRunsEnded } from '@/lib/notify/run-finished'
import { followRunStatus } from '@/lib/engine/task-status'
import { runSnapshotSchema, stepLabel } from '@/lib/engine/snapshot'
import { decideGate, type GateActor } from './gates'

// Every function takes the scope first and keeps scope.tenantId in every where.

export const SECRET_MASK = '******'

/** A run and its snapshot as a page may show it: secret values masked. */
export async function getRun(scope: Pick<Scope, 'tenantId'>, runId: string) {
  const run = await db.run.findFirst({
    where: { id: runId, tenantId: scope.tenantId },
    select: {
      id: true,
      kind: true,
      scriptId: true,
      taskId: true,
      status: true,
      snapshot: true,
      triggeredByType: true,
      triggeredByLabel: true,
      error: true,
      rerunOfId: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
    },
  })
  if (!run) return null
  const { snapshot, ...rest } = run
  const parsed = runSnapshotSchema.parse(JSON.parse(snapshot))
  return {
    ...rest,
    steps: parsed.steps.map((step) => ({
      kind: step.kind,
      label: stepLabel(step),
      sha256: step.kind === 'script' ? step.sha256 : null,
      parameters:
        step.kind === 'script'
          ? step.parameters.map((p) => ({ name: p.name, value: p.secret ? SECRET_MASK : p.value }))
          : [],
      /** A confirmation step's: what it says and whom it asks (the rollout plan reads it too). */
      confirmation: step.kind === 'confirm' ? step.confirmation : undefined,
    })),
    targets: parsed.targets.map((t) => ({
      id: t.id,
      name: t.name,
      address: `${t.host}:${t.port}`,
      resourcePool: t.resourcePool ?? null,
      region: t.region ?? null,
    })),
    limits: parsed.limits,
    rollout: parsed.rollout ?? null,
  }
}

export type RunView = NonNullable<Awaited<ReturnType<typeof getRun>>>

/**
 * Cancels a run: one still queued ends here (no engine holds it), with the target-runs a
 * resumed run had not reached; one waiting at a confirmation is aborted there (by `actor`);
 * a running one gets a cancel request its engine acts on at its next heartbeat (it kills
 * the remote process groups and records "cancelled").
 */
export async function requestCancel(
  scope: Pick<Scope, 'tenantId'>,
  runId: string,
  actor: GateActor,
): Promise<'cancelled' | 'requested' | 'finished' | 'not_found'> {
  const now = new Date()
  const queued = await db.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where: { id: runId, tenantId: scope.tenantId, status: 'queued' },
      data: { status: 'cancelled', cancelRequestedAt: now, finishedAt: now },
    })
    if (count)
      await tx.targetRun.updateMany({
        where: { runId, status: 'queued' },
        data: { status: 'cancelled', finishedAt: now },
      })
    return count
  })
  if (queued) {
    runChanged(runId)
    await followRunStatus([runId], 'cancelled')
    await notifyRunsEnded([runId])
    return 'cancelled'
  }
  if ((await decideGate(scope, runId, { decision: 'abort', actor })).ok) return 'cancelled'
  const running = await db.run.updateMany({
    where: { id: runId, tenantId: scope.tenantId, status: 'running' },
    data: { cancelRequestedAt: now },
  })
  if (running.count) {
    runChanged(runId)
    wakeEngines()
    return 'requested'
  }
  const exists = await db.run.count({ where: { id: runId, tenantId: scope.tenantId } })
  return exists ? 'finished' : 'not_found'
}
