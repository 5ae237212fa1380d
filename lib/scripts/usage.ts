import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'

export interface ScriptUser {
  id: string
  name: string
}

/**
 * The tasks whose steps run this script. A script in use cannot be deleted (PRODUCT §1).
 * Tasks do not exist yet (PRODUCT §3): when the Task model lands, query its script steps here
 * (tenantId and scriptId in the where). deleteScript asks only this function.
 */
export async function tasksUsingScript(scope: Scope, scriptId: string): Promise<ScriptUser[]> {
  void scope
  void scriptId
  return []
}
