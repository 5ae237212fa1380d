import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db } from '@/lib/db'
import type { RunSnapshot } from '@/lib/engine/snapshot'

export type SnapshotTarget = RunSnapshot['targets'][number]

const ID_SLICE = 500

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
  const select = {
    id: true,
    name: true,
    host: true,
    port: true,
    encoding: true,
    resourcePool: true,
    region: true,
  } as const
  // SQLite binds at most 999 values per statement: ids go in slices.
  const slices = Array.from({ length: Math.ceil(ids.length / ID_SLICE) }, (_, i) =>
    ids.slice(i * ID_SLICE, (i + 1) * ID_SLICE),
  )
  const found = await Promise.all([
    ...slices.map((slice) => db.target.findMany({ where: { tenantId: scope.tenantId, id: { in: slice } }, select })),
    labels.length
      ? db.target.findMany({ where: { tenantId: scope.tenantId, labels: { some: { label: { in: labels } } } }, select })
      : [],
  ])
  const byId = new Map(found.flat().map((r) => [r.id, r]))
  const rows = [...byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
  const missing = ids.filter((id) => !byId.has(id)).length
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
