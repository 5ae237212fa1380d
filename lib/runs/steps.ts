import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { blockedMessage } from '@/lib/danger-rules/check'
import { encryptSecret } from '@/lib/crypto/envelope'
import { checkContent } from '@/lib/danger-rules/queries'
import { db } from '@/lib/db'
import type { ScriptLanguage } from '@/lib/engine/remote'
import type { ScriptStep, StepHosts } from '@/lib/engine/snapshot'
import { parseStoredParameters } from '@/lib/scripts/parameters'
import { bindParameters } from './parameters'

export type StepResult =
  | { ok: true; step: ScriptStep }
  | { ok: false; error: string; missing?: true }
  | { ok: false; parameters: Record<string, string> }

/**
 * A script step as a run's snapshot freezes it: the exact version (a pinned one, or the
 * latest now), its content and sha256, and the parameter values bound to its declarations.
 * `sealed`: the values' secrets are already lib/crypto envelopes (a task's stored values).
 */
export async function buildScriptStep(
  scope: Pick<Scope, 'tenantId'>,
  input: {
    scriptId: string
    version: number | null
    parameters: Record<string, string>
    continueOnFailure: boolean
    /** A task step's host selection (default: every target). */
    hosts?: StepHosts
    /** A task step's execution account (default: the login user). */
    runAs?: string | null
    sealed?: boolean
    /** Plain values that replace `parameters` (a task's "run now" overrides); empty ones are ignored. */
    overrides?: Record<string, string>
  },
): Promise<StepResult> {
  const script = await db.script.findFirst({
    where: { id: input.scriptId, tenantId: scope.tenantId },
    select: {
      id: true,
      name: true,
      language: true,
      versions: {
        where: input.version === null ? {} : { version: input.version },
        orderBy: { version: 'desc' },
        take: 1,
      },
    },
  })
  const version = script?.versions[0]
  if (!script) return { ok: false, error: 'The script no longer exists.', missing: true }
  if (!version) return { ok: false, error: `${script.name} has no version ${input.version}.` }
  const { blocked } = await checkContent(scope, version.content)
  if (blocked.length) return { ok: false, error: blockedMessage(blocked, `Refused to run ${script.name}`) }
  const declared = parseStoredParameters(version.parameters)
  const values = { ...input.parameters }
  for (const [name, value] of Object.entries(input.overrides ?? {})) {
    if (value === '') continue
    const secret = declared.some((p) => p.name === name && p.type === 'secret')
    values[name] = secret && input.sealed ? encryptSecret(value) : value
  }
  const bound = bindParameters(declared, values, input.sealed)
  if (!bound.ok) return { ok: false, parameters: bound.errors }
  return {
    ok: true,
    step: {
      kind: 'script',
      scriptId: script.id,
      scriptName: script.name,
      versionId: version.id,
      version: version.version,
      sha256: version.sha256,
      language: script.language as ScriptLanguage,
      content: version.content,
      parameters: bound.values,
      continueOnFailure: input.continueOnFailure,
      hosts: input.hosts ?? 'all',
      runAs: input.runAs ?? null,
    },
  }
}
