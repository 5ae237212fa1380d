import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { encryptSecret } from '@/lib/crypto/envelope'
import { db, type Prisma } from '@/lib/db'
import { contentSha256 } from './content'
import type { ScriptLanguage } from './languages'
import {
  type ParameterInput,
  parseStoredParameters,
  serialiseParameters,
  type StoredParameter,
  toStoredParameters,
} from './parameters'
import { needsNewVersion } from './versioning'

// The write path of script versions: create, edit, restore. Every function takes the scope
// first and keeps scope.tenantId in every where; secret defaults are encrypted here.

export interface ScriptFields {
  name: string
  language: ScriptLanguage
  description: string
  /** Already normalised (lib/scripts/schema.ts). */
  content: string
  parameters: ParameterInput[]
  message: string
}

export type SaveResult =
  | { ok: true; scriptId: string; version: number; versionCreated: boolean; sha256: string }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'name_taken' }
  | { ok: false; reason: 'conflict'; latestVersion: number }

function isUniqueViolation(error: unknown) {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

async function nameTaken(tx: Prisma.TransactionClient, scope: Scope, name: string, exceptId?: string) {
  const other = await tx.script.findFirst({
    where: { tenantId: scope.tenantId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  })
  return other !== null
}

export async function createScript(scope: Scope, input: ScriptFields): Promise<SaveResult> {
  if (await nameTaken(db, scope, input.name)) return { ok: false, reason: 'name_taken' }
  const parameters = toStoredParameters(input.parameters, [], encryptSecret)
  const sha256 = contentSha256(input.content)
  try {
    const script = await db.script.create({
      data: {
        tenantId: scope.tenantId,
        name: input.name,
        language: input.language,
        description: input.description,
        latestVersion: 1,
        createdById: scope.userId,
        versions: {
          create: {
            tenantId: scope.tenantId,
            version: 1,
            content: input.content,
            sha256,
            parameters: serialiseParameters(parameters),
            message: input.message || null,
            authorId: scope.userId,
          },
        },
      },
      select: { id: true },
    })
    return { ok: true, scriptId: script.id, version: 1, versionCreated: true, sha256 }
  } catch (error) {
    // Two creates with one name at once: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, reason: 'name_taken' }
    throw error
  }
}

type Change = (latest: { content: string; parameters: StoredParameter[] }) => {
  meta?: { name: string; language: ScriptLanguage; description: string }
  content: string
  parameters: StoredParameter[]
  message: string
}

/**
 * One save on top of `baseVersion`: a new version when content or parameters changed, the
 * script's own fields either way. The compare-and-set on latestVersion refuses a save made on
 * an older version than the latest (someone saved meanwhile), so no change is silently undone.
 */
async function applyChange(scope: Scope, scriptId: string, baseVersion: number, change: Change): Promise<SaveResult> {
  try {
    return await db.$transaction(async (tx) => {
      const script = await tx.script.findFirst({
        where: { id: scriptId, tenantId: scope.tenantId },
        select: {
          name: true,
          language: true,
          description: true,
          latestVersion: true,
          versions: {
            orderBy: { version: 'desc' },
            take: 1,
            select: { content: true, sha256: true, parameters: true },
          },
        },
      })
      if (!script || script.versions.length === 0) return { ok: false, reason: 'not_found' } as const
      if (script.latestVersion !== baseVersion) {
        return { ok: false, reason: 'conflict', latestVersion: script.latestVersion } as const
      }
      const latest = script.versions[0]
      const next = change({ content: latest.content, parameters: parseStoredParameters(latest.parameters) })
      if (next.meta && next.meta.name !== script.name && (await nameTaken(tx, scope, next.meta.name, scriptId))) {
        return { ok: false, reason: 'name_taken' } as const
      }
      const sha256 = contentSha256(next.content)
      const versionCreated = needsNewVersion(
        { sha256: latest.sha256, parameters: parseStoredParameters(latest.parameters) },
        { sha256, parameters: next.parameters },
      )
      const metaChanged =
        next.meta !== undefined &&
        (next.meta.name !== script.name ||
          next.meta.language !== script.language ||
          next.meta.description !== script.description)
      const version = versionCreated ? baseVersion + 1 : baseVersion
      if (versionCreated || metaChanged) {
        const { count } = await tx.script.updateMany({
          where: { id: scriptId, tenantId: scope.tenantId, latestVersion: baseVersion },
          data: { ...(metaChanged ? next.meta : {}), latestVersion: version },
        })
        if (count !== 1) return { ok: false, reason: 'conflict', latestVersion: baseVersion + 1 } as const
      }
      if (versionCreated) {
        await tx.scriptVersion.create({
          data: {
            tenantId: scope.tenantId,
            scriptId,
            version,
            content: next.content,
            sha256,
            parameters: serialiseParameters(next.parameters),
            message: next.message || null,
            authorId: scope.userId,
          },
        })
      }
      return { ok: true, scriptId, version, versionCreated, sha256: versionCreated ? sha256 : latest.sha256 } as const
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      // A rename racing another script to the same name, or two saves racing to one version number.
      const now = await db.script.findFirst({
        where: { id: scriptId, tenantId: scope.tenantId },
        select: { latestVersion: true },
      })
      if (now && now.latestVersion !== baseVersion)
        return { ok: false, reason: 'conflict', latestVersion: now.latestVersion }
      return { ok: false, reason: 'name_taken' }
    }
    throw error
  }
}

export function updateScript(scope: Scope, scriptId: string, baseVersion: number, input: ScriptFields) {
  return applyChange(scope, scriptId, baseVersion, (latest) => ({
    meta: { name: input.name, language: input.language, description: input.description },
    content: input.content,
    parameters: toStoredParameters(input.parameters, latest.parameters, encryptSecret),
    message: input.message,
  }))
}

/** Makes an old version's content and parameters (secret envelopes included) the newest version. */
export async function restoreScriptVersion(
  scope: Scope,
  scriptId: string,
  version: number,
  baseVersion: number,
  message: string,
): Promise<SaveResult> {
  const old = await db.scriptVersion.findFirst({
    where: { tenantId: scope.tenantId, scriptId, version },
    select: { content: true, parameters: true },
  })
  if (!old) return { ok: false, reason: 'not_found' }
  return applyChange(scope, scriptId, baseVersion, () => ({
    content: old.content,
    parameters: parseStoredParameters(old.parameters),
    message: message || `Restored version ${version}`,
  }))
}
