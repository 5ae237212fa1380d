import { z } from 'zod'
import { type Confirmation, confirmationSchema, type rolloutModes, rolloutSchema } from '@/lib/engine/rollout'
import { stepHostChoices } from '@/lib/engine/snapshot'
import { notifyPolicySchema } from '@/lib/notify/policy'
import { isPrintable, nameField, printableText, textField } from '@/lib/printable'
import { runLimitFields } from '@/lib/runs/schema'
import { cronProblem, isTimeZone, zonedToInstant } from './schedule'

// What the task form (or the API) sends. No server imports: the form shares the labels.

export const taskTypes = ['manual', 'cron', 'once'] as const
export type TaskType = (typeof taskTypes)[number]
export const taskTypeLabels: Record<TaskType, string> = { manual: 'Manual', cron: 'Cron', once: 'One-time' }

export const overlapPolicies = ['skip', 'allow'] as const
export const misfirePolicies = ['run_once', 'skip'] as const

const id = z.string().min(1)

export const stepHostLabels: Record<(typeof stepHostChoices)[number], string> = {
  all: 'All targets',
  prev_succeeded: 'Only hosts that succeeded in the previous step',
  prev_failed: 'Only hosts that failed in the previous step',
}
export const rolloutModeLabels: Record<(typeof rolloutModes)[number], string> = {
  off: 'All targets at once',
  steps: 'Each step in batches',
  run: 'Whole run in batches',
}

const stepHosts = z.enum(stepHostChoices, 'Choose which hosts the step runs on.').default('all')

export const scriptStepInput = z.object({
  kind: z.literal('script'),
  scriptId: z.string().min(1, 'Choose a script.'),
  /** null: the script's latest version when each run is queued. */
  version: z.coerce.number().int().min(1).nullable().default(null),
  /** By parameter name. Secrets: '' keeps the task's stored value (or the script's default). */
  parameters: z.record(z.string(), z.string().max(10_000, 'At most 10,000 characters.')).default({}),
  continueOnFailure: z.boolean().default(false),
  hosts: stepHosts,
  /** The name of one of the tenant's execution accounts (checked on save); null or '': the login user. */
  runAs: z
    .string()
    .trim()
    .max(32)
    .nullable()
    .default(null)
    .transform((name) => name || null),
})

export const fileStepInput = z.object({
  kind: z.literal('file'),
  name: printableText(200).default(''),
  fileIds: z.array(id).min(1, 'Upload at least one file.').max(50),
  remoteDir: z
    .string()
    .trim()
    .min(1, 'Enter the directory on the targets.')
    .max(1000)
    .refine((d) => !d.startsWith('~'), 'Relative paths already start in the home directory: drop the ~.')
    // A NUL would cut the path short on the target; a newline would split the run's log line.
    .refine(isPrintable, 'The directory contains a control character (a newline, NUL …).'),
  mode: z
    .string()
    .trim()
    .regex(/^0?[0-7]{3,4}$/, 'Use octal permissions, e.g. 0644.')
    .default('0644'),
  continueOnFailure: z.boolean().default(false),
  hosts: stepHosts,
})

/** Pauses the run until someone who may start runs continues it (or aborts it). */
export const confirmStepInput = z.object({
  kind: z.literal('confirm'),
  /** '': "Confirmation" on the run page. */
  name: printableText(200).default(''),
  confirmation: confirmationSchema.prefault({}),
})

export const stepInput = z.discriminatedUnion('kind', [scriptStepInput, fileStepInput, confirmStepInput])
export type StepInput = z.output<typeof stepInput>

const taskFields = z.object({
  tenant: z.string().min(1),
  name: nameField(),
  description: textField(1000).default(''),
  type: z.enum(taskTypes, 'Choose a type.'),
  cron: z.string().trim().max(200).default(''),
  timezone: z.string().trim().default('UTC'),
  /** One-time tasks: wall-clock "YYYY-MM-DDTHH:MM" in `timezone`. */
  runAt: z.string().trim().default(''),
  steps: z.array(stepInput).min(1, 'Add at least one step.').max(20, 'At most 20 steps.'),
  targetIds: z.array(id).max(10_000).default([]),
  labels: z.array(z.string().min(1)).max(100).default([]),
  ...runLimitFields,
  overlap: z.enum(overlapPolicies).default('skip'),
  misfire: z.enum(misfirePolicies).default('run_once'),
  /** Left out: the policy's defaults (failures notify the tenant's admins). */
  notify: notifyPolicySchema.prefault({}),
  /** Left out: no batches, every step on every target at once. */
  rollout: rolloutSchema.prefault({}),
  enabled: z.boolean().default(true),
})

/** The index of the script or file step before step i, whose hosts "previous step" means; -1: none. */
export const previousWorkStep = (steps: readonly { kind: string }[], i: number) =>
  steps.findLastIndex((s, j) => j < i && s.kind !== 'confirm')

/**
 * A host selection needs a script or file step before it (confirmations run on no host), and
 * failed hosts reach a step only past one that continues.
 */
function checkStepHosts(steps: StepInput[], ctx: z.RefinementCtx) {
  steps.forEach((step, i) => {
    if (step.kind === 'confirm' || step.hosts === 'all') return
    const path = ['steps', i, 'hosts']
    const before = previousWorkStep(steps, i)
    const previous = steps[before]
    if (!previous || previous.kind === 'confirm')
      return ctx.addIssue({
        code: 'custom',
        path,
        message:
          i === 0
            ? 'The first step runs on all targets: no step is before it.'
            : 'Only confirmations are before this step: it runs on all targets.',
      })
    if (step.hosts === 'prev_failed' && !previous.continueOnFailure)
      ctx.addIssue({
        code: 'custom',
        path,
        message: `Let step ${before + 1} continue on failure: otherwise its failures end the run before this step.`,
      })
  })
}

const nobodyAsked = (c: Confirmation) => c.roles.length + c.userIds.length + c.channelIds.length === 0
const askSomebody = 'Choose who is asked: a role, a person or a channel.'

/** A task of confirmations only runs nothing; a confirmation nobody hears of waits forever. */
function checkSafety(task: z.output<typeof taskFields>, ctx: z.RefinementCtx) {
  if (task.steps.length && task.steps.every((s) => s.kind === 'confirm'))
    ctx.addIssue({
      code: 'custom',
      path: ['steps'],
      message: 'Add a script or file step: a task of confirmations only runs nothing.',
    })
  task.steps.forEach((step, i) => {
    if (step.kind === 'confirm' && nobodyAsked(step.confirmation))
      ctx.addIssue({ code: 'custom', path: ['steps', i, 'confirmation', 'roles'], message: askSomebody })
  })
  const { rollout } = task
  if (rollout.mode !== 'off' && rollout.between === 'confirm' && nobodyAsked(rollout.confirm))
    ctx.addIssue({ code: 'custom', path: ['rollout', 'confirm', 'roles'], message: askSomebody })
}

function checkSchedule(task: z.output<typeof taskFields>, ctx: z.RefinementCtx) {
  checkStepHosts(task.steps, ctx)
  checkSafety(task, ctx)
  if (task.targetIds.length === 0 && task.labels.length === 0)
    ctx.addIssue({ code: 'custom', path: ['targetIds'], message: 'Choose at least one target or label.' })
  if (task.type === 'manual') return
  if (!isTimeZone(task.timezone))
    return ctx.addIssue({ code: 'custom', path: ['timezone'], message: 'Choose a time zone, e.g. Europe/Paris.' })
  if (task.type === 'cron') {
    const problem = task.cron ? cronProblem(task.cron, task.timezone) : 'Enter a cron expression, e.g. 0 3 * * *.'
    if (problem) ctx.addIssue({ code: 'custom', path: ['cron'], message: problem })
  }
  if (task.type === 'once' && !zonedToInstant(task.runAt, task.timezone))
    ctx.addIssue({ code: 'custom', path: ['runAt'], message: 'Enter the date and time to run at.' })
}

export const taskSchema = taskFields.superRefine(checkSchedule)
export const updateTaskSchema = taskFields.extend({ id }).superRefine(checkSchedule)
export type TaskInput = z.output<typeof taskSchema>

export const taskIdSchema = z.object({ tenant: z.string().min(1), id })
export const setTaskEnabledSchema = taskIdSchema.extend({ enabled: z.boolean() })
export const runTaskNowSchema = taskIdSchema.extend({
  /** Overrides by step index, then parameter name. */
  parameters: z.record(z.string(), z.record(z.string(), z.string().max(10_000))).default({}),
})
