import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db } from '@/lib/db'
import type { RunSnapshot } from '@/lib/engine/snapshot'

export type SnapshotTarget = RunSnapshot['targets'][number]

export type ResolveResult = { ok: true; targets: SnapshotTarget[] } | { ok: false; error: string }

/**
 * The targets a run goes to, frozen for its snapshot: the ones picked by id plus every
 * target carrying one of the labels (labels resolve now, at queue time), each once,
 * ordered by name. Everything is looked up inside the tenant: another tenant's id is
 * "not found", never a host of theirs.
 */
export async function resolveRunTargets(
  scope: Pick<Scope, 'tenantId'>,
  selection: { targetIds: string[]; labels: string[] },
): Promise<ResolveResult> {
  const ids = [...new Set(selection.targetIds)]
  const labels = [...new Set(selection.labels)]
  if (ids.length === 0 && labels.length === 0) return { ok: false, error: 'Choose at least one target or label.' }
  const rows = await db.target.findMany({
    where: {
      tenantId: scope.tenantId,
      OR: [
        ...(ids.length ? [{ id: { in: ids } }] : []),
        ...(labels.length ? [{ labels: { some: { label: { in: labels } } } }] : []),
      ],
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, host: true, port: true, encoding: true },
  })
  const found = new Set(rows.map((r) => r.id))
  const missing = ids.filter((id) => !found.has(id)).length
  if (missing) return { ok: false, error: `${missing} of the chosen targets no longer exist. Choose again.` }
  if (rows.length === 0) return { ok: false, error: 'No target carries the chosen labels.' }
  return { ok: true, targets: rows }
}

/** The run dialog's picker: targets matching a name or address, a page at a time. */
export function searchTargets(scope: Pick<Scope, 'tenantId'>, q: string, take = 50) {
  return db.target.findMany({
    where: {
      tenantId: scope.tenantId,
      ...(q.trim() ? { OR: [{ name: contains(q.trim()) }, { host: contains(q.trim()) }] } : {}),
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take,
    select: { id: true, name: true, host: true, port: true, status: true },
  })
}
