import 'server-only'
import { pageArgs } from '@/components/data-table/search-params'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db, type Prisma } from '@/lib/db'
import type { AccountFields } from './schema'
import type { AccountTableState } from './table'

// Every function takes the scope first and keeps scope.tenantId in every where. Task steps
// name an account by its name (TaskStep.runAs), so a rename carries over to them.

/** The tasks whose script steps run as each of names, by account name. */
async function tasksUsing(scope: Pick<Scope, 'tenantId'>, names: string[]) {
  const steps = await db.taskStep.findMany({
    where: { tenantId: scope.tenantId, runAs: { in: names } },
    select: { runAs: true, task: { select: { id: true, name: true } } },
    orderBy: { task: { name: 'asc' } },
  })
  const byName = new Map<string, { id: string; name: string }[]>()
  for (const s of steps) {
    const tasks = byName.get(s.runAs!) ?? []
    if (!tasks.some((t) => t.id === s.task.id)) tasks.push(s.task)
    byName.set(s.runAs!, tasks)
  }
  return byName
}

export async function listExecAccounts(scope: Pick<Scope, 'tenantId'>, state: AccountTableState) {
  const where: Prisma.ExecAccountWhereInput = {
    tenantId: scope.tenantId,
    ...(state.q ? { OR: [{ name: contains(state.q) }, { description: contains(state.q) }] } : {}),
  }
  const [rows, total] = await Promise.all([
    db.execAccount.findMany({
      where,
      orderBy: [{ [state.sort]: state.dir }, { id: 'asc' }],
      ...pageArgs(state),
      select: { id: true, name: true, description: true, createdAt: true },
    }),
    db.execAccount.count({ where }),
  ])
  const used = await tasksUsing(
    scope,
    rows.map((r) => r.name),
  )
  return { rows: rows.map((r) => ({ ...r, tasks: used.get(r.name) ?? [] })), total }
}

export type AccountRow = Awaited<ReturnType<typeof listExecAccounts>>['rows'][number]

/** Every account by name: the choices of a script step's "Run as". */
export function listAccountChoices(scope: Pick<Scope, 'tenantId'>) {
  return db.execAccount.findMany({
    where: { tenantId: scope.tenantId },
    orderBy: { name: 'asc' },
    select: { name: true, description: true },
  })
}

export function findExecAccount(scope: Pick<Scope, 'tenantId'>, id: string) {
  return db.execAccount.findFirst({ where: { id, tenantId: scope.tenantId } })
}

export function accountNameTaken(scope: Pick<Scope, 'tenantId'>, name: string, exceptId?: string) {
  return db.execAccount
    .count({ where: { tenantId: scope.tenantId, name, ...(exceptId ? { id: { not: exceptId } } : {}) } })
    .then((n) => n > 0)
}

export function createExecAccount(scope: Pick<Scope, 'tenantId'>, fields: AccountFields) {
  return db.execAccount.create({ data: { tenantId: scope.tenantId, ...fields }, select: { id: true } })
}

/** Renames carry over to the task steps that run as the account, in the same transaction. */
export async function updateExecAccount(
  scope: Pick<Scope, 'tenantId'>,
  account: { id: string; name: string },
  fields: AccountFields,
) {
  await db.$transaction([
    db.execAccount.updateMany({ where: { id: account.id, tenantId: scope.tenantId }, data: fields }),
    ...(fields.name === account.name
      ? []
      : [
          db.taskStep.updateMany({
            where: { tenantId: scope.tenantId, runAs: account.name },
            data: { runAs: fields.name },
          }),
        ]),
  ])
}

/** Deletes the account unless a task step runs as it: then the tasks that do, by name. */
export async function deleteExecAccount(
  scope: Pick<Scope, 'tenantId'>,
  account: { id: string; name: string },
): Promise<{ ok: true } | { ok: false; tasks: string[] }> {
  const tasks = (await tasksUsing(scope, [account.name])).get(account.name) ?? []
  if (tasks.length) return { ok: false, tasks: tasks.map((t) => t.name) }
  await db.execAccount.deleteMany({ where: { id: account.id, tenantId: scope.tenantId } })
  return { ok: true }
}
