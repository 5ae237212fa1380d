import { z } from 'zod'
import { accountNamePattern } from '@/lib/accounts/name'
import { fileNameProblem } from '@/lib/files/name'
import { confirmationSchema, rolloutSchema } from './rollout'

// What a run executes, frozen when it is queued, so history stays true after edits.
// Secret parameter values are lib/crypto envelopes here, opened only by the executor.

const parameterValue = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  value: z.string(),
  secret: z.boolean(),
})

/** Which targets a step runs on: all, or those that succeeded (or did not) in the step before. */
export const stepHostChoices = ['all', 'prev_succeeded', 'prev_failed'] as const
export type StepHosts = (typeof stepHostChoices)[number]
const stepHosts = z.enum(stepHostChoices).default('all')

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
  hosts: stepHosts,
  /** An execution account: the script runs as it via `sudo -n -u`; null: as the login user. */
  runAs: z.string().regex(accountNamePattern).nullable().default(null),
})

const storedFileRef = z.object({
  fileId: z.string(),
  name: z.string().superRefine((name, ctx) => {
    const problem = fileNameProblem(name)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  }),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

/** Uploads stored files into one directory on every target, each atomically (temp name + rename). */
export const fileStepSchema = z.object({
  kind: z.literal('file'),
  /** The step's label. */
  name: z.string(),
  files: z
    .array(storedFileRef)
    .min(1)
    .refine((files) => new Set(files.map((f) => f.name)).size === files.length, 'Two files have the same name'),
  /** Absolute, or relative to the login user's home directory (where SFTP starts). */
  remoteDir: z
    .string()
    .min(1)
    .refine((dir) => !dir.includes('\0'), 'The directory contains a NUL character')
    .refine(
      (dir) => !dir.startsWith('~'),
      'Relative directories are already relative to the home directory: drop the ~',
    ),
  /** Octal permission bits given to every file, e.g. 0640. */
  mode: z.string().regex(/^0?[0-7]{3,4}$/),
  continueOnFailure: z.boolean().default(false),
  hosts: stepHosts,
})

/** Pauses the run until someone with run permission continues (or aborts) it. */
export const confirmStepSchema = z.object({
  kind: z.literal('confirm'),
  name: z.string(),
  confirmation: confirmationSchema,
})

export const stepSchema = z.discriminatedUnion('kind', [scriptStepSchema, fileStepSchema, confirmStepSchema])

export const runSnapshotSchema = z.object({
  steps: z.array(stepSchema).min(1),
  targets: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        host: z.string(),
        port: z.number().int(),
        encoding: z.string(),
        resourcePool: z.string().nullish(),
        region: z.string().nullish(),
      }),
    )
    .min(1),
  limits: z.object({
    parallelism: z.number().int().min(1).max(10_000),
    timeoutSeconds: z.number().int().min(1),
    /** Once more targets than this fail in a step, the rest are skipped and the run fails. */
    maxFailedCount: z.number().int().min(0).nullable().default(null),
    maxFailedPercent: z.number().min(0).max(100).nullable().default(null),
  }),
  /** Batches; absent: none (every step on every target at once). */
  rollout: rolloutSchema.optional(),
})

export type RunSnapshot = z.infer<typeof runSnapshotSchema>
export type Step = z.infer<typeof stepSchema>
export type ScriptStep = z.infer<typeof scriptStepSchema>
export type FileStep = z.infer<typeof fileStepSchema>
export type ConfirmStep = z.infer<typeof confirmStepSchema>
/** A step that runs on targets (not a confirmation). */
export type WorkStep = ScriptStep | FileStep
export type StoredFileRef = FileStep['files'][number]

/** How a step is named on run pages and in run lists: "deploy v3", "Upload app.tar". */
export function stepLabel(step: Step): string {
  return step.kind === 'script' ? `${step.scriptName} v${step.version}` : step.name
}

/** The threshold between batches: with none set, any failure stops the rollout. */
export function batchThresholdExceeded(limits: RunSnapshot['limits'], failed: number, total: number): boolean {
  if (limits.maxFailedCount === null && limits.maxFailedPercent === null) return failed > 0
  return thresholdExceeded(limits, failed, total)
}

/** True once the failures exceed the run's threshold (count and/or percent of the targets). */
export function thresholdExceeded(limits: RunSnapshot['limits'], failed: number, total: number): boolean {
  if (limits.maxFailedCount !== null && failed > limits.maxFailedCount) return true
  if (limits.maxFailedPercent !== null && total > 0 && (failed / total) * 100 > limits.maxFailedPercent) return true
  return false
}
