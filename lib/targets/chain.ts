import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import type { SshEndpoint } from '@/lib/ssh'
import { openCredential } from './credentials'

// Targets and proxies share lib/ssh's endpoint ids; the prefix says which table a host key
// or a failure belongs to.
export type EndpointKind = 'target' | 'proxy'
export const endpointId = (kind: EndpointKind, id: string) => `${kind}:${id}`
export function parseEndpointId(value: string): { kind: EndpointKind; id: string } {
  const [kind, id] = value.split(':', 2) as [EndpointKind, string]
  return { kind, id }
}

/** Longer chains are refused: they are almost surely a loop or a mistake. */
export const maxProxyDepth = 8

const endpointSelect = {
  id: true,
  name: true,
  host: true,
  port: true,
  username: true,
  credentialType: true,
  credentialSecret: true,
  hostKeyFingerprint: true,
} as const

type EndpointRow = {
  id: string
  name: string
  host: string
  port: number
  username: string
  credentialType: string
  credentialSecret: string | null
  hostKeyFingerprint: string | null
}

function toEndpoint(kind: EndpointKind, row: EndpointRow, platformPrivateKey: string | null): SshEndpoint {
  return {
    id: endpointId(kind, row.id),
    label: row.name,
    host: row.host,
    port: row.port,
    username: row.username,
    credential: openCredential(row, platformPrivateKey),
    hostKey: { fingerprint: row.hostKeyFingerprint },
  }
}

/** The proxies in front of a proxy (or null for none), first hop first; throws on a loop. */
export async function proxyChain(scope: Pick<Scope, 'tenantId'>, firstProxyId: string | null) {
  const rows: (EndpointRow & { viaProxyId: string | null })[] = []
  for (let id = firstProxyId; id;) {
    if (rows.length >= maxProxyDepth || rows.some((r) => r.id === id)) {
      throw new Error(`The proxy chain is longer than ${maxProxyDepth} hops or loops`)
    }
    const row = await db.proxy.findFirst({
      where: { id, tenantId: scope.tenantId },
      select: { ...endpointSelect, viaProxyId: true },
    })
    if (!row) break
    rows.push(row)
    id = row.viaProxyId
  }
  return rows.reverse()
}

/**
 * Everything lib/ssh needs to reach a target or a proxy of the scope's tenant: the
 * endpoint itself and the proxies in front of it, credentials decrypted. Null when the
 * object is not the tenant's.
 */
export async function resolveEndpoint(scope: Pick<Scope, 'tenantId'>, kind: EndpointKind, id: string) {
  const tenant = await db.tenant.findUnique({ where: { id: scope.tenantId }, select: { platformPrivateKey: true } })
  const key = tenant?.platformPrivateKey ?? null
  if (kind === 'target') {
    const row = await db.target.findFirst({
      where: { id, tenantId: scope.tenantId },
      select: { ...endpointSelect, proxyId: true },
    })
    if (!row) return null
    const proxies = await proxyChain(scope, row.proxyId)
    return { target: toEndpoint('target', row, key), proxies: proxies.map((p) => toEndpoint('proxy', p, key)) }
  }
  const row = await db.proxy.findFirst({
    where: { id, tenantId: scope.tenantId },
    select: { ...endpointSelect, viaProxyId: true },
  })
  if (!row) return null
  const proxies = await proxyChain(scope, row.viaProxyId)
  return { target: toEndpoint('proxy', row, key), proxies: proxies.map((p) => toEndpoint('proxy', p, key)) }
}
