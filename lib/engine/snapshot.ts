import { z } from 'zod'

// What a run executes, frozen when it is queued, so history stays true after edits.
// Secret parameter values are lib/crypto envelopes here, opened only by the executor.

const parameterValue = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  value: z.string(),
  secret: z.boolean(),
})

export const scriptStepSchema = z.object({
  kind: z.literal('script'),
  scriptId: z.string(),
  scriptName: z.string(),
  versionId: z.string(),
  version: z.number().int(),
  sha256: z.string(),
  language: z.enum(['bash', 'sh', 'python3', 'perl', 'powershell-core']),
  content: z.string(),
  parameters: z.array(parameterValue),
  continueOnFailure: z.boolean().default(false),
})

export const runSnapshotSchema = z.object({
  steps: z.array(scriptStepSchema).min(1),
  targets: z
    .array(
      z.object({ id: z.string(), name: z.string(), host: z.string(), port: z.number().int(), encoding: z.string() }),
    )
    .min(1),
  limits: z.object({
    parallelism: z.number().int().min(1).max(10_000),
    timeoutSeconds: z.number().int().min(1),
    /** Once more targets than this fail in a step, the rest are skipped and the run fails. */
    maxFailedCount: z.number().int().min(0).nullable().default(null),
    maxFailedPercent: z.number().min(0).max(100).nullable().default(null),
  }),
})

export type RunSnapshot = z.infer<typeof runSnapshotSchema>
export type ScriptStep = z.infer<typeof scriptStepSchema>

/** True once the failures exceed the run's threshold (count and/or percent of the targets). */
export function thresholdExceeded(limits: RunSnapshot['limits'], failed: number, total: number): boolean {
  if (limits.maxFailedCount !== null && failed > limits.maxFailedCount) return true
  if (limits.maxFailedPercent !== null && total > 0 && (failed / total) * 100 > limits.maxFailedPercent) return true
  return false
}
