import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import type { existingChoices } from './schema'
import { type ImportFormat, type ImportHost, type ImportIssue, MAX_IMPORT_HOSTS, type ParseResult } from './types'

// Preview and commit of an import. Every query keeps scope.tenantId in its where, so names
// of another tenant are never "existing" and nothing outside the tenant is written.

export type ExistingChoice = (typeof existingChoices)[number]
export type PlanAction = 'create' | 'update' | 'skip'

export interface PlanRow {
  line: number
  action: PlanAction
  name: string
  host: string
  port: number
  /** Null on an update that names no user: the stored one stays. */
  username: string | null
  labels: string[]
  resourcePool: string | null
  region: string | null
  encoding: string | null
  proxy: { id: string; name: string } | null
  /** The existing target an update or skip refers to. */
  targetId: string | null
}

export interface ImportPlan {
  format: ImportFormat
  rows: PlanRow[]
  errors: ImportIssue[]
  counts: Record<PlanAction, number>
  replacesLabels: boolean
}

export interface PlanOptions {
  existing: ExistingChoice
  /** The SSH user of new targets whose line names none. */
  defaultUser?: string
}

// Far below both providers' bound-parameter limits (SQLite 32766, PostgreSQL 65535).
const CHUNK = 500
export const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK))

async function byName<T extends { name: string }>(names: string[], find: (names: string[]) => Promise<T[]>) {
  const found = new Map<string, T>()
  for (const chunk of chunks([...new Set(names)])) for (const row of await find(chunk)) found.set(row.name, row)
  return found
}

/** Decides, for every parsed host, whether the import creates, updates or skips a target. */
export async function planImport(
  scope: Scope,
  format: ImportFormat,
  parsed: ParseResult,
  options: PlanOptions,
): Promise<ImportPlan> {
  const errors = [...parsed.errors]
  const hosts = parsed.hosts.slice(0, MAX_IMPORT_HOSTS)
  const existing = await byName(
    hosts.map((h) => h.name),
    (names) =>
      db.target.findMany({
        where: { tenantId: scope.tenantId, name: { in: names } },
        select: { id: true, name: true },
      }),
  )
  const proxies = await byName(
    hosts.flatMap((h) => (h.proxy ? [h.proxy] : [])),
    (names) =>
      db.proxy.findMany({
        where: { tenantId: scope.tenantId, name: { in: names } },
        select: { id: true, name: true },
      }),
  )

  const rows: PlanRow[] = []
  for (const host of hosts) {
    const target = existing.get(host.name)
    const action: PlanAction = !target ? 'create' : options.existing === 'update' ? 'update' : 'skip'
    const row = toRow(host, action, target?.id ?? null)
    if (action !== 'skip') {
      if (host.proxy) {
        row.proxy = proxies.get(host.proxy) ?? null
        if (!row.proxy)
          errors.push({ line: host.line, message: `${host.name}: there is no proxy named ${host.proxy}.` })
      }
      if (action === 'create') row.username ??= options.defaultUser ?? null
      if (action === 'create' && !row.username) {
        errors.push({
          line: host.line,
          message: `${host.name}: no SSH user. Set ansible_user (or a user column), or a default SSH user for the import.`,
        })
      }
    }
    rows.push(row)
  }
  errors.sort((a, b) => a.line - b.line)
  const counts = { create: 0, update: 0, skip: 0 }
  for (const row of rows) counts[row.action]++
  return { format, rows, errors, counts, replacesLabels: parsed.replacesLabels }
}

function toRow(host: ImportHost, action: PlanAction, targetId: string | null): PlanRow {
  return {
    line: host.line,
    action,
    name: host.name,
    host: host.host,
    port: host.port,
    username: host.username ?? null,
    labels: host.labels,
    resourcePool: host.resourcePool ?? null,
    region: host.region ?? null,
    encoding: host.encoding ?? null,
    proxy: null,
    targetId,
  }
}
