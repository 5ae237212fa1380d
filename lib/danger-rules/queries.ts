import 'server-only'
import { pageArgs } from '@/components/data-table/search-params'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db, type Prisma } from '@/lib/db'
import { type DangerAction, partitionMatches } from './check'
import { checkScript } from './match'
import { defaultDangerRules } from './defaults'
import type { RuleFields } from './schema'
import type { RuleTableState } from './table'

// Every function takes the scope first and keeps scope.tenantId in every where.

const SEEDED_KEY = 'dangerRules.seeded'

function isUniqueViolation(error: unknown) {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

/**
 * Gives a tenant the default rules the first time its rules are read. A Setting row marks it
 * done, so a default an admin deleted stays deleted; the marker and the rules are written in
 * one transaction, and a concurrent first read loses on the marker's unique key.
 */
export async function ensureDefaultRules(tenantId: string): Promise<void> {
  const seeded = await db.setting.findUnique({ where: { scope_key: { scope: tenantId, key: SEEDED_KEY } } })
  if (seeded) return
  try {
    await db.$transaction([
      db.setting.create({
        data: { scope: tenantId, key: SEEDED_KEY, value: JSON.stringify(new Date().toISOString()) },
      }),
      db.dangerRule.createMany({ data: defaultDangerRules.map((rule) => ({ tenantId, ...rule })) }),
    ])
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
  }
}

export async function listDangerRules(scope: Scope, state: RuleTableState) {
  await ensureDefaultRules(scope.tenantId)
  const where: Prisma.DangerRuleWhereInput = {
    tenantId: scope.tenantId,
    ...(state.action ? { action: state.action } : {}),
    ...(state.q ? { OR: [{ pattern: contains(state.q) }, { description: contains(state.q) }] } : {}),
  }
  const [rows, total] = await Promise.all([
    db.dangerRule.findMany({
      where,
      orderBy: [{ [state.sort]: state.dir }, { id: 'asc' }],
      ...pageArgs(state),
      select: { id: true, pattern: true, action: true, description: true, enabled: true, createdAt: true },
    }),
    db.dangerRule.count({ where }),
  ])
  return { rows: rows.map((r) => ({ ...r, action: r.action as DangerAction })), total }
}

export type RuleRow = Awaited<ReturnType<typeof listDangerRules>>['rows'][number]

/** The rules a save (and later a run) is checked against. */
export async function listEnabledRules(scope: Pick<Scope, 'tenantId'>) {
  await ensureDefaultRules(scope.tenantId)
  return db.dangerRule.findMany({
    where: { tenantId: scope.tenantId, enabled: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, pattern: true, action: true, description: true },
  })
}

/** The tenant's enabled rules applied to content: what blocks a save, and what needs a confirmation. */
export async function checkContent(scope: Pick<Scope, 'tenantId'>, content: string) {
  return partitionMatches(checkScript(content, await listEnabledRules(scope)))
}

/**
 * Where a pattern runs out of time on the current version of one of the tenant's scripts,
 * as a sentence for the pattern field; null when it answers in time on every one. A rule
 * stuck there would block that script's every save and run.
 */
export async function patternTooSlow(scope: Pick<Scope, 'tenantId'>, pattern: string): Promise<string | null> {
  const scripts = await db.script.findMany({
    where: { tenantId: scope.tenantId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, latestVersion: true },
  })
  const rule = { id: 'new', pattern, action: 'warn', description: '' }
  for (let i = 0; i < scripts.length; i += 100) {
    const chunk = scripts.slice(i, i + 100)
    const versions = await db.scriptVersion.findMany({
      where: { tenantId: scope.tenantId, OR: chunk.map((s) => ({ scriptId: s.id, version: s.latestVersion })) },
      select: { scriptId: true, content: true },
    })
    const contents = new Map(versions.map((v) => [v.scriptId, v.content]))
    for (const script of chunk) {
      const stuck = checkScript(contents.get(script.id) ?? '', [rule]).find((m) => m.timedOut)
      if (stuck) return `This pattern takes too long on line ${stuck.line} of the script “${script.name}”: simplify it.`
    }
  }
  return null
}

export function findDangerRule(scope: Scope, ruleId: string) {
  return db.dangerRule.findFirst({
    where: { id: ruleId, tenantId: scope.tenantId },
    select: { id: true, pattern: true, action: true, description: true, enabled: true },
  })
}

export function createDangerRule(scope: Scope, input: RuleFields) {
  return db.dangerRule.create({
    data: { tenantId: scope.tenantId, ...input },
    select: { id: true, pattern: true, action: true },
  })
}

export async function updateDangerRule(scope: Scope, ruleId: string, input: RuleFields) {
  const { count } = await db.dangerRule.updateMany({ where: { id: ruleId, tenantId: scope.tenantId }, data: input })
  return count === 1
}

export async function setDangerRuleEnabled(scope: Scope, ruleId: string, enabled: boolean) {
  const { count } = await db.dangerRule.updateMany({
    where: { id: ruleId, tenantId: scope.tenantId },
    data: { enabled },
  })
  return count === 1
}

export async function deleteDangerRule(scope: Scope, ruleId: string) {
  const { count } = await db.dangerRule.deleteMany({ where: { id: ruleId, tenantId: scope.tenantId } })
  return count === 1
}
