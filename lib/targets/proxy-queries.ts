import 'server-only'
import { pageArgs } from '@/components/data-table/search-params'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db, type Prisma } from '@/lib/db'
import { maxProxyDepth } from './chain'
import type { ProxyInput } from './schema'
import type { ProxyTableState } from './table'
import { forgetHostKeyIfMoved } from './host-keys'

// Scope first, tenantId in every where, never credentialSecret in a select.

export const proxyFields = {
  id: true,
  name: true,
  host: true,
  port: true,
  username: true,
  credentialType: true,
  viaProxyId: true,
  hostKeyFingerprint: true,
  presentedHostKey: true,
  status: true,
  statusMessage: true,
  lastCheckedAt: true,
  createdAt: true,
  updatedAt: true,
  viaProxy: { select: { id: true, name: true } },
  _count: { select: { targets: true, behind: true } },
} as const satisfies Prisma.ProxySelect

export async function listProxies(scope: Scope, state: ProxyTableState) {
  const where: Prisma.ProxyWhereInput = {
    tenantId: scope.tenantId,
    ...(state.q ? { OR: [{ name: contains(state.q) }, { host: contains(state.q) }] } : {}),
    ...(state.status ? { status: state.status } : {}),
  }
  const [rows, total] = await Promise.all([
    db.proxy.findMany({
      where,
      orderBy: [{ [state.sort]: state.dir }, { id: 'asc' }],
      ...pageArgs(state),
      select: proxyFields,
    }),
    db.proxy.count({ where }),
  ])
  return { rows, total }
}

export type ProxyRow = Awaited<ReturnType<typeof listProxies>>['rows'][number]

export function getProxy(scope: Scope, id: string) {
  return db.proxy.findFirst({ where: { id, tenantId: scope.tenantId }, select: proxyFields })
}

export function getProxyCredential(scope: Scope, id: string) {
  return db.proxy.findFirst({
    where: { id, tenantId: scope.tenantId },
    select: { credentialType: true, credentialSecret: true },
  })
}

export function findProxyByName(scope: Scope, name: string) {
  return db.proxy.findFirst({ where: { tenantId: scope.tenantId, name }, select: { id: true } })
}

/** For pickers: every proxy of the tenant. */
export function proxyOptions(scope: Scope) {
  return db.proxy.findMany({
    where: { tenantId: scope.tenantId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}

/** True when viaProxyId is the tenant's and putting `id` behind it makes no loop or over-long chain. */
export async function isValidVia(scope: Scope, viaProxyId: string, id?: string) {
  let hops = 1
  for (let current: string | null = viaProxyId; current; hops++) {
    if (current === id || hops > maxProxyDepth) return false
    const row: { viaProxyId: string | null } | null = await db.proxy.findFirst({
      where: { id: current, tenantId: scope.tenantId },
      select: { viaProxyId: true },
    })
    if (!row) return false
    current = row.viaProxyId
  }
  return true
}

type Sealed = { credentialType: string; credentialSecret: string | null }
type ProxyData = Omit<ProxyInput, 'tenant' | 'privateKey' | 'passphrase' | 'password' | 'credentialType'>

export function createProxy(scope: Scope, data: ProxyData, credential: Sealed) {
  return db.proxy.create({
    data: { ...data, ...credential, tenantId: scope.tenantId },
    select: { id: true, name: true },
  })
}

export async function updateProxy(scope: Scope, id: string, data: ProxyData, credential: Sealed) {
  const existing = await db.proxy.findFirst({
    where: { id, tenantId: scope.tenantId },
    select: { host: true, port: true },
  })
  if (!existing) return false
  await db.proxy.update({ where: { id }, data: { ...data, ...credential, ...forgetHostKeyIfMoved(existing, data) } })
  return true
}

/** What still uses a proxy: deleting it is refused while anything does. */
export async function proxyUsage(scope: Scope, id: string) {
  const [targets, proxies] = await Promise.all([
    db.target.findMany({
      where: { tenantId: scope.tenantId, proxyId: id },
      select: { name: true },
      take: 5,
      orderBy: { name: 'asc' },
    }),
    db.proxy.findMany({
      where: { tenantId: scope.tenantId, viaProxyId: id },
      select: { name: true },
      take: 5,
      orderBy: { name: 'asc' },
    }),
  ])
  return { targets: targets.map((t) => t.name), proxies: proxies.map((p) => p.name) }
}

export async function deleteProxy(scope: Scope, id: string) {
  const { count } = await db.proxy.deleteMany({ where: { id, tenantId: scope.tenantId } })
  return count === 1
}
