import 'server-only'
import { db } from '@/lib/db'
import type { RunSnapshot } from './snapshot'

// A run's target-runs as the executor starts: created on its first start (one per work
// step and target, each in its rollout batch), read back when a run resumes after a
// confirmation, so what already ran is replayed from its stored outcome, never executed twice.

export interface StoredTargetRun {
  id: string
  status: string
  /** Its output parameters as stored (secret values masked). */
  outputs: Record<string, string>
}

const unfinished = new Set(['queued', 'running'])

/** True for an outcome a resumed run replays instead of executing. */
export const isFinished = (t: StoredTargetRun) => !unfinished.has(t.status)

/** The seq the run's next output chunk takes: a resumed run's output follows what it stored. */
export async function nextOutputSeq(runId: string): Promise<number> {
  const last = await db.outputChunk.findFirst({ where: { runId }, orderBy: { seq: 'desc' }, select: { seq: true } })
  return last ? last.seq + 1 : 0
}

/** Target-runs by "stepIndex:targetId"; `batchOf` gives each target's batch number. */
export async function loadTargetRuns(
  runId: string,
  tenantId: string,
  snapshot: RunSnapshot,
  batchOf: Map<string, number>,
): Promise<Map<string, StoredTargetRun>> {
  const read = () =>
    db.targetRun.findMany({
      where: { runId },
      select: { id: true, stepIndex: true, targetId: true, status: true, outputs: true },
    })
  let rows = await read()
  if (!rows.length) {
    await db.targetRun.createMany({
      data: snapshot.steps.flatMap((step, stepIndex) =>
        step.kind === 'confirm'
          ? []
          : snapshot.targets.map((t) => ({
              runId,
              tenantId,
              stepIndex,
              targetId: t.id,
              targetName: t.name,
              encoding: t.encoding,
              batch: batchOf.get(t.id) ?? 0,
            })),
      ),
    })
    rows = await read()
  }
  return new Map(
    rows.map((r) => [
      `${r.stepIndex}:${r.targetId}`,
      { id: r.id, status: r.status, outputs: r.outputs ? (JSON.parse(r.outputs) as Record<string, string>) : {} },
    ]),
  )
}
