import 'server-only'
import { pageArgs } from '@/components/data-table/search-params'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db, type Prisma } from '@/lib/db'
import type { TargetInput } from './schema'
import type { TargetTableState } from './table'
import { forgetHostKeyIfMoved } from './host-keys'

// Every function takes the scope first and keeps scope.tenantId in every where. No
// select here ever includes credentialSecret: what these return may reach a page.

export const targetFields = {
  id: true,
  name: true,
  host: true,
  port: true,
  username: true,
  credentialType: true,
  proxyId: true,
  resourcePool: true,
  region: true,
  encoding: true,
  description: true,
  hostKeyFingerprint: true,
  presentedHostKey: true,
  status: true,
  statusMessage: true,
  lastCheckedAt: true,
  createdAt: true,
  updatedAt: true,
  proxy: { select: { id: true, name: true } },
  labels: { select: { label: true }, orderBy: { label: 'asc' } },
} as const satisfies Prisma.TargetSelect

export async function listTargets(scope: Scope, state: TargetTableState) {
  const where: Prisma.TargetWhereInput = {
    tenantId: scope.tenantId,
    ...(state.q ? { OR: [{ name: contains(state.q) }, { host: contains(state.q) }] } : {}),
    ...(state.status ? { status: state.status } : {}),
    ...(state.label ? { labels: { some: { label: state.label } } } : {}),
    ...(state.proxy ? { proxyId: state.proxy === 'none' ? null : state.proxy } : {}),
  }
  const [rows, total] = await Promise.all([
    db.target.findMany({
      where,
      orderBy: [{ [state.sort]: state.dir }, { id: 'asc' }],
      ...pageArgs(state),
      select: targetFields,
    }),
    db.target.count({ where }),
  ])
  return { rows: rows.map(flattenLabels), total }
}

function flattenLabels<T extends { labels: { label: string }[] }>(row: T): Omit<T, 'labels'> & { labels: string[] } {
  return { ...row, labels: row.labels.map((l) => l.label) }
}

export type TargetRow = Awaited<ReturnType<typeof listTargets>>['rows'][number]

export async function getTarget(scope: Scope, id: string) {
  const row = await db.target.findFirst({ where: { id, tenantId: scope.tenantId }, select: targetFields })
  return row && flattenLabels(row)
}

/** The stored credential, for re-sealing on edit (server only; never rendered). */
export function getTargetCredential(scope: Scope, id: string) {
  return db.target.findFirst({
    where: { id, tenantId: scope.tenantId },
    select: { credentialType: true, credentialSecret: true },
  })
}

export function findTargetByName(scope: Scope, name: string) {
  return db.target.findFirst({ where: { tenantId: scope.tenantId, name }, select: { id: true } })
}

/** Labels in use with how many targets carry each (filters, pickers). */
export async function listLabels(scope: Scope) {
  const groups = await db.targetLabel.groupBy({
    by: ['label'],
    where: { tenantId: scope.tenantId },
    _count: { label: true },
    orderBy: { label: 'asc' },
  })
  return groups.map((g) => ({ label: g.label, targets: g._count.label }))
}

type Sealed = { credentialType: string; credentialSecret: string | null }
type TargetData = Omit<TargetInput, 'tenant' | 'privateKey' | 'passphrase' | 'password' | 'credentialType'>

export function createTarget(scope: Scope, { labels, ...data }: TargetData, credential: Sealed) {
  return db.target.create({
    data: {
      ...data,
      ...credential,
      tenantId: scope.tenantId,
      labels: { create: labels.map((label) => ({ label, tenantId: scope.tenantId })) },
    },
    select: { id: true, name: true },
  })
}

export async function updateTarget(scope: Scope, id: string, { labels, ...data }: TargetData, credential: Sealed) {
  return db.$transaction(async (tx) => {
    const existing = await tx.target.findFirst({
      where: { id, tenantId: scope.tenantId },
      select: { host: true, port: true },
    })
    if (!existing) return false
    await tx.target.update({ where: { id }, data: { ...data, ...credential, ...forgetHostKeyIfMoved(existing, data) } })
    await tx.targetLabel.deleteMany({ where: { targetId: id, tenantId: scope.tenantId } })
    await tx.targetLabel.createMany({
      data: labels.map((label) => ({ targetId: id, tenantId: scope.tenantId, label })),
    })
    return true
  })
}

/** The names of the tasks that pick this target by id (deleting it is refused while any do). */
export async function tasksUsingTarget(scope: Scope, id: string): Promise<string[]> {
  const tasks = await db.task.findMany({
    where: { tenantId: scope.tenantId, targets: { some: { targetId: id } } },
    orderBy: { name: 'asc' },
    select: { name: true },
  })
  return tasks.map((t) => t.name)
}

export async function deleteTarget(scope: Scope, id: string) {
  const { count } = await db.target.deleteMany({ where: { id, tenantId: scope.tenantId } })
  return count === 1
}
