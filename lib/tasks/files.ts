import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import type { StoredFileRef } from '@/lib/engine/snapshot'

/** A file step's stored files as a snapshot names them (id, name, size, sha256), in order. */
export async function storedFileRefs(
  scope: Pick<Scope, 'tenantId'>,
  fileIds: string[],
): Promise<{ ok: true; refs: StoredFileRef[] } | { ok: false; error: string }> {
  const rows = await db.storedFile.findMany({
    where: { tenantId: scope.tenantId, id: { in: fileIds } },
    select: { id: true, name: true, size: true, sha256: true },
  })
  const byId = new Map(rows.map((r) => [r.id, r]))
  const refs: StoredFileRef[] = []
  for (const id of fileIds) {
    const row = byId.get(id)
    if (!row) return { ok: false, error: 'A file of this step no longer exists. Upload it again.' }
    refs.push({ fileId: row.id, name: row.name, size: row.size, sha256: row.sha256 })
  }
  return { ok: true, refs }
}
