import { z } from 'zod'
import { tenantRoles } from '@/lib/auth/permissions'
import { batchUnits, betweenBatches, rolloutModes } from '@/lib/engine/rollout'
import { stepHostChoices } from '@/lib/engine/snapshot'
import { runTriggerTypes } from '@/lib/runs/list-params'
import { gateActorTypes, gateStatuses } from '@/lib/runs/live'
import { runStatuses, targetRunStatuses } from '@/lib/runs/statuses'
import { parameterTypes } from '@/lib/scripts/parameters'
import { scriptLanguages } from '@/lib/scripts/languages'
import { taskTypes } from '@/lib/tasks/schema'
import { endpointStatuses } from '@/lib/targets/schema'

// What /api/v1 answers. Every answer is parsed with its schema before it is sent
// (respond.ts `reply`), so the OpenAPI document cannot promise a field that is not sent,
// and no field the schema does not name (a credential, a secret) can slip out.

const time = z.iso.datetime().meta({ description: 'UTC, ISO 8601.' })
const maybeTime = time.nullable()
const ref = z.object({ id: z.string(), name: z.string() })

export const apiErrorBody = z
  .object({
    error: z.string(),
    field: z
      .string()
      .optional()
      .meta({ description: 'For a wrong input: the first wrong field, e.g. `parameters.0.WHO`.' }),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' })

export const runStarted = z
  .object({ runId: z.string(), url: z.url().meta({ description: 'The run’s page.' }) })
  .meta({ id: 'RunStarted' })

export const taskSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(taskTypes),
    enabled: z.boolean(),
    nextRunAt: maybeTime,
    lastStatus: z.enum(runStatuses).nullable(),
    lastRunId: z.string().nullable(),
    createdAt: time,
    createdBy: ref.nullable(),
    scripts: z.array(ref),
  })
  .meta({ id: 'TaskSummary' })

const limits = z.object({
  parallelism: z.number().int(),
  timeoutSeconds: z.number().int(),
  maxFailedCount: z.number().int().nullable(),
  maxFailedPercent: z.number().nullable(),
})

const parameterSetting = z.object({
  name: z.string(),
  type: z.enum(parameterTypes),
  required: z.boolean(),
  value: z.string().meta({ description: 'The task’s value; a secret reads `******` when set.' }),
  fallback: z.string().meta({ description: 'What applies when the value is empty.' }),
})

const confirmation = z
  .object({
    message: z.string(),
    roles: z.array(z.enum(tenantRoles)).meta({ description: 'Members with these roles are notified.' }),
    userIds: z.array(z.string()).meta({ description: 'These members are notified too.' }),
    channelIds: z.array(z.string()).meta({ description: 'Notification channels told as well.' }),
    timeoutMinutes: z.number().int().nullable().meta({ description: 'No answer in time aborts the run; null waits.' }),
  })
  .meta({ id: 'Confirmation' })

const batchSize = z.object({ value: z.number().int(), unit: z.enum(batchUnits) })

export const rollout = z
  .object({
    mode: z.enum(rolloutModes).meta({
      description: '`off`: no batches; `steps`: each step rolls out in batches; `run`: each batch runs every step.',
    }),
    canary: batchSize.nullable().meta({ description: 'The first batch, alone; null: none.' }),
    batch: batchSize,
    between: z.enum(betweenBatches).meta({
      description: 'Before each batch after the first: nothing, a confirmation (`confirm`), or `delaySeconds`.',
    }),
    delaySeconds: z.number().int(),
    confirm: confirmation,
  })
  .meta({ id: 'Rollout' })

const stepHosts = z.enum(stepHostChoices).meta({
  description: 'Where the step runs: every target, or the hosts the previous step succeeded (failed) on.',
})

const taskStep = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('script'),
    script: ref.nullable(),
    version: z.number().int().nullable().meta({ description: 'Pinned version; null runs the latest.' }),
    parameters: z.array(parameterSetting),
    continueOnFailure: z.boolean(),
    hosts: stepHosts,
    runAs: z
      .string()
      .nullable()
      .meta({ description: 'The execution account it runs as (sudo -n -u); null: the login user.' }),
  }),
  z.object({
    kind: z.literal('file'),
    files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number().int() })),
    remoteDir: z.string(),
    mode: z.string(),
    continueOnFailure: z.boolean(),
    hosts: stepHosts,
  }),
  z.object({
    kind: z.literal('confirm').meta({ description: 'The run waits here until someone continues or aborts it.' }),
    name: z.string(),
    confirmation,
  }),
])

export const taskDetail = taskSummary
  .omit({ scripts: true })
  .extend({
    description: z.string(),
    cron: z.string().nullable(),
    timezone: z.string(),
    runAt: maybeTime,
    labels: z.array(z.string()),
    targets: z.array(ref.extend({ host: z.string(), port: z.number().int(), status: z.enum(endpointStatuses) })),
    steps: z.array(taskStep),
    limits,
    rollout: rollout.meta({ description: 'Batches; mode `off`: every step on every target at once.' }),
  })
  .meta({ id: 'Task' })

const triggeredBy = z.object({
  type: z.enum(runTriggerTypes),
  label: z.string().nullable().meta({ description: 'The user’s, token’s or webhook’s name.' }),
})

export const runSummary = z
  .object({
    id: z.string(),
    kind: z.enum(['script', 'task']),
    title: z.string(),
    status: z.enum(runStatuses),
    taskId: z.string().nullable(),
    taskName: z.string().nullable(),
    rerunOfId: z.string().nullable(),
    triggeredBy,
    createdAt: time,
    startedAt: maybeTime,
    finishedAt: maybeTime,
    url: z.url(),
  })
  .meta({ id: 'RunSummary' })

const targetRun = z.object({
  id: z.string(),
  stepIndex: z.number().int(),
  batch: z.number().int().meta({ description: 'The rollout batch (1 = the first, the canary if any); 0: no batches.' }),
  targetId: z.string(),
  targetName: z.string(),
  status: z.enum(targetRunStatuses),
  exitCode: z.number().int().nullable(),
  error: z.string().nullable(),
  stdoutBytes: z.number().int(),
  stderrBytes: z.number().int(),
  startedAt: maybeTime,
  finishedAt: maybeTime,
})

const gate = z
  .object({
    key: z.string().meta({ description: 'Names the point in the run, e.g. `step:2` or `batch:3`.' }),
    stepIndex: z.number().int(),
    batch: z.number().int().meta({ description: 'The batch it stands before; 0: not between batches.' }),
    message: z.string(),
    status: z.enum(gateStatuses),
    createdAt: time,
    timeoutAt: maybeTime.meta({ description: 'When no answer aborts the run; null: it waits.' }),
    decidedAt: maybeTime,
    decidedBy: z
      .object({ type: z.enum(gateActorTypes), label: z.string() })
      .nullable()
      .meta({ description: 'A user, an API token, or `system` for a timeout.' }),
    comment: z.string().nullable(),
  })
  .meta({ id: 'RunGate' })

export const runDetail = runSummary
  .omit({ title: true, taskName: true })
  .extend({
    error: z.string().nullable(),
    steps: z.array(
      z.object({
        kind: z.enum(['script', 'file', 'confirm']),
        label: z.string(),
        sha256: z.string().nullable(),
        parameters: z.array(z.object({ name: z.string(), value: z.string() })).meta({
          description: 'As the run used them; secrets read `******`.',
        }),
      }),
    ),
    targets: z.array(z.object({ id: z.string(), name: z.string(), address: z.string() })),
    limits,
    targetRuns: z.array(targetRun).meta({ description: 'One per step and target, with its status and exit code.' }),
    rollout: rollout.nullable().meta({ description: 'The run’s batches; null: none.' }),
    gates: z.array(gate).meta({
      description: 'Every confirmation the run reached, oldest first; while `status` is `waiting`, the last one waits.',
    }),
  })
  .meta({ id: 'Run' })

export const scriptSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.enum(scriptLanguages),
    description: z.string(),
    latestVersion: z.number().int(),
    updatedAt: time,
    createdBy: ref.nullable(),
  })
  .meta({ id: 'ScriptSummary' })

export const scriptDetail = scriptSummary
  .extend({
    createdAt: time,
    current: z.object({
      version: z.number().int(),
      sha256: z.string(),
      content: z.string(),
      message: z.string().nullable(),
      createdAt: time,
      parameters: z.array(
        z.object({
          name: z.string(),
          type: z.enum(parameterTypes),
          description: z.string(),
          required: z.boolean(),
          default: z.string().nullable().meta({ description: 'Never a secret’s: see `secretIsSet`.' }),
          options: z.array(z.string()),
          secretIsSet: z.boolean(),
        }),
      ),
    }),
  })
  .meta({ id: 'Script' })

export const target = z
  .object({
    id: z.string(),
    name: z.string(),
    host: z.string(),
    port: z.number().int(),
    username: z.string(),
    labels: z.array(z.string()),
    proxy: ref.nullable(),
    resourcePool: z.string().nullable(),
    region: z.string().nullable(),
    encoding: z.string(),
    description: z.string(),
    status: z.enum(endpointStatuses),
    statusMessage: z.string().nullable(),
    lastCheckedAt: maybeTime,
    hostKeyFingerprint: z.string().nullable(),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'Target' })
