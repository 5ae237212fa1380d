import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { mapWithConcurrency } from '@/lib/concurrency'
import { db } from '@/lib/db'
import { connect, SshError } from '@/lib/ssh'
import { type EndpointKind, parseEndpointId, resolveEndpoint } from './chain'
import { trustOnFirstUse } from './host-keys'
import type { EndpointStatus } from './schema'

export interface CheckResult {
  id: string
  status: EndpointStatus
  message: string | null
  checkedAt: Date
}

export const checkConcurrency = 8
const connectTimeoutMs = 10_000

async function updateEndpoint(
  scope: Pick<Scope, 'tenantId'>,
  kind: EndpointKind,
  id: string,
  data: {
    status?: string
    statusMessage?: string | null
    lastCheckedAt?: Date
    hostKeyFingerprint?: string
    presentedHostKey?: string | null
  },
) {
  const where = { id, tenantId: scope.tenantId }
  if (kind === 'target') await db.target.updateMany({ where, data })
  else await db.proxy.updateMany({ where, data })
}

/**
 * Connects to a target or proxy through its proxy chain and records the outcome: status,
 * message and check time on the object, first-seen host keys on every hop (trust on first
 * use), and on a host-key mismatch the key that hop presented, for an admin to compare.
 */
export async function checkEndpoint(
  scope: Pick<Scope, 'tenantId'>,
  kind: EndpointKind,
  id: string,
): Promise<CheckResult | null> {
  const checkedAt = new Date()
  let resolved
  try {
    resolved = await resolveEndpoint(scope, kind, id)
  } catch (error) {
    const message = error instanceof Error ? error.message : 'The credential could not be read'
    await updateEndpoint(scope, kind, id, { status: 'proxy_failed', statusMessage: message, lastCheckedAt: checkedAt })
    return { id, status: 'proxy_failed', message, checkedAt }
  }
  if (!resolved) return null
  try {
    const conn = await connect({
      ...resolved,
      connectTimeoutMs,
      onHostKey: trustOnFirstUse(scope),
    })
    conn.close()
    await updateEndpoint(scope, kind, id, {
      status: 'online',
      statusMessage: null,
      lastCheckedAt: checkedAt,
      presentedHostKey: null,
    })
    return { id, status: 'online', message: null, checkedAt }
  } catch (error) {
    if (!(error instanceof SshError)) throw error
    if (error.causeKind === 'host_key_mismatch' && error.hop) {
      const hop = parseEndpointId(error.hop.id)
      await updateEndpoint(scope, hop.kind, hop.id, {
        status: 'host_key_mismatch',
        statusMessage: error.message,
        lastCheckedAt: checkedAt,
        presentedHostKey: error.presentedFingerprint ?? null,
      })
    }
    const status = error.kind === 'protocol' ? 'unreachable' : error.kind
    await updateEndpoint(scope, kind, id, { status, statusMessage: error.message, lastCheckedAt: checkedAt })
    return { id, status, message: error.message, checkedAt }
  }
}

/** Checks many at once, at most checkConcurrency connections in flight; foreign ids are skipped. */
export async function checkEndpoints(scope: Pick<Scope, 'tenantId'>, kind: EndpointKind, ids: string[]) {
  const results = await mapWithConcurrency([...new Set(ids)], checkConcurrency, (id) => checkEndpoint(scope, kind, id))
  return results.filter((r): r is CheckResult => r !== null)
}

/**
 * Accepts the host key a mismatching target or proxy presented at its last check (an admin
 * compared both fingerprints). Returns the old and new fingerprints, or null when there is
 * nothing to trust.
 */
export async function trustPresentedHostKey(scope: Pick<Scope, 'tenantId'>, kind: EndpointKind, id: string) {
  const where = { id, tenantId: scope.tenantId }
  const select = { hostKeyFingerprint: true, presentedHostKey: true, name: true } as const
  const row =
    kind === 'target' ? await db.target.findFirst({ where, select }) : await db.proxy.findFirst({ where, select })
  if (!row?.presentedHostKey) return null
  await updateEndpoint(scope, kind, id, {
    hostKeyFingerprint: row.presentedHostKey,
    presentedHostKey: null,
    status: 'unknown',
    statusMessage: null,
  })
  return { name: row.name, previous: row.hostKeyFingerprint, trusted: row.presentedHostKey }
}
