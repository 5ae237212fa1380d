import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'

export interface ScriptUser {
  id: string
  name: string
}

/** The tasks whose steps run this script. A script in use cannot be deleted (PRODUCT §1). */
export async function tasksUsingScript(scope: Pick<Scope, 'tenantId'>, scriptId: string): Promise<ScriptUser[]> {
  return db.task.findMany({
    where: { tenantId: scope.tenantId, steps: { some: { scriptId } } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}
