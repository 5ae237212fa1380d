import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { blockedMessage } from '@/lib/danger-rules/check'
import { checkContent } from '@/lib/danger-rules/queries'
import { db } from '@/lib/db'
import { wakeEngines } from '@/lib/engine/engine'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import type { ScriptLanguage } from '@/lib/engine/remote'
import { parseStoredParameters } from '@/lib/scripts/parameters'
import { bindParameters } from './parameters'
import type { StartScriptRunInput } from './schema'
import { resolveRunTargets } from './targets'

/** Who or what started a run: shown on the run and in the run lists. */
export interface Trigger {
  type: 'user' | 'schedule' | 'token' | 'webhook'
  id: string | null
  label: string
}

/** Refused: `error` concerns the script; `fields` lists every wrong choice at once. */
export type QueueResult =
  | { ok: true; runId: string; targets: number }
  | { ok: false; error: string }
  | { ok: false; fields: { targets?: string; parameters?: Record<string, string> } }

type Selection = Omit<StartScriptRunInput, 'tenant'>

/**
 * Queues a one-off run of a script's latest version (PRODUCT.md §1, "Run this script").
 * The run is a row (ARCHITECTURE.md decision 5): its snapshot freezes the version's exact
 * content and hash, the parameter values (secrets as envelopes), the target addresses and
 * encodings, and the limits. An engine claims it; this only inserts and wakes them.
 */
export async function queueScriptRun(scope: Scope, selection: Selection, trigger: Trigger): Promise<QueueResult> {
  const script = await db.script.findFirst({
    where: { id: selection.scriptId, tenantId: scope.tenantId },
    select: {
      id: true,
      name: true,
      language: true,
      versions: { orderBy: { version: 'desc' }, take: 1 },
    },
  })
  const version = script?.versions[0]
  if (!script || !version) return { ok: false, error: 'Not found.' }
  const { blocked } = await checkContent(scope, version.content)
  if (blocked.length) return { ok: false, error: blockedMessage(blocked, 'Refused to run') }
  const bound = bindParameters(parseStoredParameters(version.parameters), selection.parameters)
  const resolved = await resolveRunTargets(scope, selection)
  if (!bound.ok || !resolved.ok) {
    return {
      ok: false,
      fields: { parameters: bound.ok ? undefined : bound.errors, targets: resolved.ok ? undefined : resolved.error },
    }
  }

  const snapshot: RunSnapshot = {
    steps: [
      {
        kind: 'script',
        scriptId: script.id,
        scriptName: script.name,
        versionId: version.id,
        version: version.version,
        sha256: version.sha256,
        language: script.language as ScriptLanguage,
        content: version.content,
        parameters: bound.values,
        continueOnFailure: false,
      },
    ],
    targets: resolved.targets,
    limits: {
      parallelism: selection.parallelism,
      timeoutSeconds: selection.timeoutSeconds,
      maxFailedCount: selection.maxFailedCount,
      maxFailedPercent: selection.maxFailedPercent,
    },
  }
  const run = await db.run.create({
    data: {
      tenantId: scope.tenantId,
      kind: 'script',
      scriptId: script.id,
      snapshot: JSON.stringify(snapshot),
      triggeredByType: trigger.type,
      triggeredById: trigger.id,
      triggeredByLabel: trigger.label,
    },
    select: { id: true },
  })
  wakeEngines()
  return { ok: true, runId: run.id, targets: resolved.targets.length }
}
