import 'server-only'
import { pageArgs } from '@/components/data-table/search-params'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db, type Prisma } from '@/lib/db'
import type { ScriptLanguage } from './languages'
import { parseStoredParameters, toParameterViews } from './parameters'
import type { ScriptTableState } from './table'
import { tasksUsingScript, type ScriptUser } from './usage'

// Every function takes the scope first and keeps scope.tenantId in every where. Reads return
// ParameterView (no secret values); only the write path (save.ts) sees stored envelopes.

const person = { select: { id: true, name: true } } as const

export async function listScripts(scope: Scope, state: ScriptTableState) {
  const where: Prisma.ScriptWhereInput = {
    tenantId: scope.tenantId,
    ...(state.language ? { language: state.language } : {}),
    ...(state.creator ? { createdById: state.creator } : {}),
    ...(state.q ? { name: contains(state.q) } : {}),
  }
  const [rows, total] = await Promise.all([
    db.script.findMany({
      where,
      // The id breaks ties, so paging never repeats or skips a row.
      orderBy: [{ [state.sort]: state.dir }, { id: 'asc' }],
      ...pageArgs(state),
      select: {
        id: true,
        name: true,
        language: true,
        description: true,
        latestVersion: true,
        updatedAt: true,
        createdBy: person,
      },
    }),
    db.script.count({ where }),
  ])
  return { rows: rows.map((r) => ({ ...r, language: r.language as ScriptLanguage })), total }
}

export type ScriptRow = Awaited<ReturnType<typeof listScripts>>['rows'][number]

/** The people who created scripts in this tenant: the list's creator filter. */
export function listScriptCreators(scope: Scope) {
  return db.user.findMany({
    where: { scripts: { some: { tenantId: scope.tenantId } } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}

const versionSelect = {
  version: true,
  sha256: true,
  content: true,
  parameters: true,
  message: true,
  createdAt: true,
  author: person,
} satisfies Prisma.ScriptVersionSelect

type VersionRow = Prisma.ScriptVersionGetPayload<{ select: typeof versionSelect }>

function toVersionView({ parameters, ...v }: VersionRow) {
  return { ...v, parameters: toParameterViews(parseStoredParameters(parameters)) }
}

export type ScriptVersionView = ReturnType<typeof toVersionView>

/** The script with its latest version, or null when it is not this tenant's. */
export async function findScript(scope: Scope, scriptId: string) {
  const script = await db.script.findFirst({
    where: { id: scriptId, tenantId: scope.tenantId },
    select: {
      id: true,
      name: true,
      language: true,
      description: true,
      latestVersion: true,
      createdAt: true,
      updatedAt: true,
      createdBy: person,
      versions: { orderBy: { version: 'desc' }, take: 1, select: versionSelect },
    },
  })
  if (!script || script.versions.length === 0) return null
  const { versions, ...rest } = script
  return { ...rest, language: rest.language as ScriptLanguage, current: toVersionView(versions[0]) }
}

export type ScriptDetail = NonNullable<Awaited<ReturnType<typeof findScript>>>

export async function findScriptVersion(scope: Scope, scriptId: string, version: number) {
  const row = await db.scriptVersion.findFirst({
    where: { tenantId: scope.tenantId, scriptId, version },
    select: versionSelect,
  })
  return row ? toVersionView(row) : null
}

/** Newest first, without content: the History tab. */
export function listScriptVersions(scope: Scope, scriptId: string) {
  return db.scriptVersion.findMany({
    where: { tenantId: scope.tenantId, scriptId },
    orderBy: { version: 'desc' },
    select: { version: true, sha256: true, message: true, createdAt: true, author: person },
  })
}

export type ScriptVersionRow = Awaited<ReturnType<typeof listScriptVersions>>[number]

export type DeleteResult =
  | { ok: true; name: string }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'in_use'; name: string; tasks: ScriptUser[] }

export async function deleteScript(scope: Scope, scriptId: string): Promise<DeleteResult> {
  const script = await db.script.findFirst({
    where: { id: scriptId, tenantId: scope.tenantId },
    select: { id: true, name: true },
  })
  if (!script) return { ok: false, reason: 'not_found' }
  const tasks = await tasksUsingScript(scope, scriptId)
  if (tasks.length > 0) return { ok: false, reason: 'in_use', name: script.name, tasks }
  // Versions go with it (onDelete: Cascade).
  const { count } = await db.script.deleteMany({ where: { id: scriptId, tenantId: scope.tenantId } })
  return count === 1 ? { ok: true, name: script.name } : { ok: false, reason: 'not_found' }
}
