import { z } from 'zod'
import { tenantRoles } from '@/lib/auth/permissions'

// Confirmations and batched rollouts (PRODUCT.md §3a). No server imports: the task form
// edits these with the same schemas, and the run page lays out the same plan.

/** Who a confirmation asks, what it says, and how long it waits. */
export const confirmationSchema = z.object({
  message: z.string().trim().max(2000, 'At most 2000 characters.').default(''),
  /** Every member with one of these roles gets a notice. */
  roles: z.array(z.enum(tenantRoles)).default(['admin']),
  userIds: z.array(z.string().min(1)).max(200).default([]),
  channelIds: z.array(z.string().min(1)).max(50).default([]),
  /** Minutes until no answer aborts the run; null: it waits as long as it takes. */
  timeoutMinutes: z.coerce
    .number()
    .int('Whole minutes.')
    .min(1, 'At least 1 minute.')
    .max(10_080, 'At most a week (10080 minutes).')
    .nullable()
    .default(null),
})
export type Confirmation = z.output<typeof confirmationSchema>

export const batchUnits = ['hosts', 'percent'] as const
const batchSize = z
  .object({ value: z.coerce.number().int('A whole number.').min(1, 'At least 1.'), unit: z.enum(batchUnits) })
  .refine((s) => s.unit === 'hosts' || s.value <= 100, { message: 'At most 100 %.', path: ['value'] })
export type BatchSize = z.output<typeof batchSize>

/** off: every step on every target at once; steps: each step rolls out in batches; run: each batch runs every step. */
export const rolloutModes = ['off', 'steps', 'run'] as const
export const betweenBatches = ['none', 'confirm', 'delay'] as const

export const rolloutSchema = z.object({
  mode: z.enum(rolloutModes).default('off'),
  /** The first batch, alone; null: the first batch is a regular one. */
  canary: batchSize.nullable().default(null),
  batch: batchSize.default({ value: 10, unit: 'percent' }),
  between: z.enum(betweenBatches).default('none'),
  delaySeconds: z.coerce.number().int().min(1, 'At least 1 second.').max(86_400, 'At most a day.').default(60),
  /** Asked before every batch after the first when `between` is confirm. */
  confirm: confirmationSchema.prefault({}),
})
export type Rollout = z.output<typeof rolloutSchema>

/** A task's stored rollout; what is missing or unreadable means no batches. */
export function parseRollout(json: string | null | undefined): Rollout {
  try {
    const parsed = rolloutSchema.safeParse(JSON.parse(json || '{}'))
    if (parsed.success) return parsed.data
  } catch {}
  return rolloutSchema.parse({})
}

/** How many targets each batch holds, in order: the canary (if any), then full batches, then the rest. */
export function batchSizes(total: number, rollout: Rollout): number[] {
  if (rollout.mode === 'off') return [total]
  const count = (s: BatchSize) => (s.unit === 'hosts' ? s.value : Math.max(1, Math.ceil((total * s.value) / 100)))
  const sizes: number[] = []
  let left = total
  if (rollout.canary) {
    sizes.push(Math.min(left, count(rollout.canary)))
    left -= sizes[0]
  }
  const each = count(rollout.batch)
  for (; left > 0; left -= each) sizes.push(Math.min(left, each))
  return sizes
}

/** The batch number of each target by its position in the run's target list (0: no batches). */
export function batchNumbers(total: number, rollout: Rollout): number[] {
  if (rollout.mode === 'off') return new Array<number>(total).fill(0)
  return batchSizes(total, rollout).flatMap((size, i) => new Array<number>(size).fill(i + 1))
}

type StepKind = { kind: string; confirmation?: Confirmation }

/** One thing the engine does, in order: run a step on a batch, wait for a person, or wait a while. */
export type Phase =
  | {
      kind: 'run'
      stepIndex: number
      batch: number
      /** The batch's threshold is checked after it. */ endsBatch: boolean
    }
  | {
      kind: 'gate'
      key: string
      stepIndex: number
      batch: number
      /** Between two batches (else a confirmation step). */
      between: boolean
      confirmation: Confirmation
    }
  | { kind: 'delay'; seconds: number; batch: number }

/** What the run does, phase by phase, for steps over `batches` batches (their count). */
export function runPlan(steps: StepKind[], rollout: Rollout, batches: number): Phase[] {
  const phases: Phase[] = []
  const between = (stepIndex: number, batch: number, key: string) => {
    if (rollout.between === 'confirm')
      phases.push({ kind: 'gate', key, stepIndex, batch, between: true, confirmation: rollout.confirm })
    if (rollout.between === 'delay') phases.push({ kind: 'delay', seconds: rollout.delaySeconds, batch })
  }
  const step = (stepIndex: number, batch: number, endsBatch: boolean) => {
    const { confirmation } = steps[stepIndex]
    if (confirmation) {
      const key = batch ? `step:${stepIndex}:batch:${batch}` : `step:${stepIndex}`
      phases.push({ kind: 'gate', key, stepIndex, batch, between: false, confirmation })
    } else phases.push({ kind: 'run', stepIndex, batch, endsBatch })
  }
  const numbers = Array.from({ length: batches }, (_, i) => i + 1)
  if (rollout.mode === 'off') steps.forEach((_, s) => step(s, 0, false))
  if (rollout.mode === 'steps')
    steps.forEach((_, s) =>
      numbers.forEach((b) => {
        if (b > 1 && !steps[s].confirmation) between(s, b, `step:${s}:batch:${b}:before`)
        step(s, b, true)
      }),
    )
  if (rollout.mode === 'run') {
    const last = steps.findLastIndex((s) => !s.confirmation)
    numbers.forEach((b) => {
      if (b > 1) between(0, b, `batch:${b}`)
      steps.forEach((_, s) => step(s, b, s === last))
    })
  }
  return phases
}
