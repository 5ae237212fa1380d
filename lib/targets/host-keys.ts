import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { parseEndpointId } from './chain'

/**
 * lib/ssh's onHostKey for a tenant: stores the fingerprint a hop presented the first time
 * (trust on first use), on the target or proxy it belongs to; a stored key is never
 * overwritten here — only an admin's re-trust does that.
 */
export function trustOnFirstUse(scope: Pick<Scope, 'tenantId'>) {
  return async (endpointId: string, fingerprint: string) => {
    const hop = parseEndpointId(endpointId)
    const where = { id: hop.id, tenantId: scope.tenantId, hostKeyFingerprint: null }
    const data = { hostKeyFingerprint: fingerprint }
    if (hop.kind === 'target') await db.target.updateMany({ where, data })
    else await db.proxy.updateMany({ where, data })
  }
}

/** A new address is a new host: its key must be trusted afresh. The columns to reset, if any. */
export function forgetHostKeyIfMoved(before: { host: string; port: number }, after: { host: string; port: number }) {
  const moved = before.host !== after.host || before.port !== after.port
  return moved ? { hostKeyFingerprint: null, presentedHostKey: null, status: 'unknown' } : {}
}
