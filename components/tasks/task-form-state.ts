// The task form's state beside its named inputs, and how a stored task becomes it. No
// 'use client' and no server imports: the edit page builds the initial state on the server.
import type { PickedTarget } from '@/components/runs/target-picker'
import {
  type batchUnits,
  type betweenBatches,
  type Confirmation,
  confirmationSchema,
  type Rollout,
  type rolloutModes,
  rolloutSchema,
} from '@/lib/engine/rollout'
import { type NotifyPolicy, notifyPolicySchema, parseNotifyPolicy } from '@/lib/notify/policy'
import { runLimits } from '@/lib/runs/schema'
import type { StepHosts } from '@/lib/engine/snapshot'
import type { ParameterView } from '@/lib/scripts/parameters'
import type { TaskDetail, TaskStepView } from '@/lib/tasks/queries'
import type { misfirePolicies, overlapPolicies, TaskType } from '@/lib/tasks/schema'

export interface ScriptChoice {
  id: string
  name: string
  latestVersion: number
}

export interface UploadedFile {
  id: string
  name: string
  size: number
}

interface StepCommon {
  /** Stable across reorders: React keys and input names use it, never the position. */
  key: string
}

interface WorkStepCommon extends StepCommon {
  continueOnFailure: boolean
  /** Which targets it runs on: all, or by how the step before ended on them. */
  hosts: StepHosts
}

export type ScriptStepState = WorkStepCommon & {
  kind: 'script'
  script: ScriptChoice | null
  /** null: the latest version when each run is queued. */
  version: number | null
  /** What the chosen version declares; null while it loads. */
  parameters: ParameterView[] | null
  loadError?: string
  /** An execution account's name; null: the login user. */
  runAs: string | null
}

export type FileStepState = WorkStepCommon & {
  kind: 'file'
  files: UploadedFile[]
  remoteDir: string
  mode: string
}

/** Its inputs are named by the step's key (use-task-form confirmInputBase): this is what they start with. */
export type ConfirmStepState = StepCommon & {
  kind: 'confirm'
  initial: { name: string; confirmation: Confirmation }
}

export type StepState = ScriptStepState | FileStepState | ConfirmStepState

type BatchUnit = (typeof batchUnits)[number]

/** The rollout's controls (they drive which fields show and the preview); numbers as typed. */
export interface RolloutState {
  mode: (typeof rolloutModes)[number]
  /** '': no canary. */
  canary: string
  canaryUnit: BatchUnit
  batch: string
  batchUnit: BatchUnit
  between: (typeof betweenBatches)[number]
  delaySeconds: string
  /** What the inputs of the confirmation between batches start with. */
  confirm: Confirmation
}

export function rolloutState(rollout: Rollout): RolloutState {
  return {
    mode: rollout.mode,
    canary: rollout.canary ? String(rollout.canary.value) : '',
    canaryUnit: rollout.canary?.unit ?? 'hosts',
    batch: String(rollout.batch.value),
    batchUnit: rollout.batch.unit,
    between: rollout.between,
    delaySeconds: String(rollout.delaySeconds),
    confirm: rollout.confirm,
  }
}

/** The action's rollout input: without batches only the mode, the confirmation's inputs only when one is asked. */
export function rolloutInput(state: RolloutState, confirm: () => Record<string, unknown>) {
  if (state.mode === 'off') return { mode: state.mode }
  return {
    mode: state.mode,
    canary: state.canary.trim() ? { value: state.canary, unit: state.canaryUnit } : null,
    batch: { value: state.batch, unit: state.batchUnit },
    between: state.between,
    delaySeconds: state.delaySeconds,
    ...(state.between === 'confirm' ? { confirm: confirm() } : {}),
  }
}

export const newConfirmation = () => confirmationSchema.parse({})

export interface TaskFormInitial {
  name: string
  description: string
  type: TaskType
  cron: string
  /** null: the browser's zone (known only once the page runs in the browser). */
  timezone: string | null
  /** Wall-clock "YYYY-MM-DDTHH:MM" in the zone. */
  runAt: string
  steps: StepState[]
  targets: PickedTarget[]
  labels: string[]
  parallelism: number
  timeoutSeconds: number
  maxFailedCount: number | null
  maxFailedPercent: number | null
  overlap: (typeof overlapPolicies)[number]
  misfire: (typeof misfirePolicies)[number]
  notify: NotifyPolicy
  rollout: RolloutState
  enabled: boolean
}

let lastKey = 0
export const newStepKey = () => `new-${++lastKey}`

export const emptyTaskForm: TaskFormInitial = {
  name: '',
  description: '',
  type: 'manual',
  cron: '',
  timezone: null,
  runAt: '',
  steps: [],
  targets: [],
  labels: [],
  parallelism: runLimits.parallelism.default,
  timeoutSeconds: runLimits.timeoutSeconds.default,
  maxFailedCount: null,
  maxFailedPercent: null,
  overlap: 'skip',
  misfire: 'run_once',
  notify: notifyPolicySchema.parse({}),
  rollout: rolloutState(rolloutSchema.parse({})),
  enabled: true,
}

/** A stored step's parameters as inputs (form, Run now): the task's value, else what applies without one. */
export function taskParameterViews(step: Extract<TaskStepView, { kind: 'script' }>): ParameterView[] {
  return step.parameters.map((p) => ({
    name: p.name,
    type: p.type,
    description: p.description,
    required: p.required,
    options: p.options,
    default: p.type === 'secret' ? null : p.value || p.fallback || null,
    // Left empty, a secret keeps the task's stored value, or the script's default.
    secretIsSet: p.type === 'secret' && (p.value !== '' || p.fallback !== ''),
  }))
}

function stepState(step: TaskStepView): StepState {
  if (step.kind === 'confirm')
    return { key: step.id, kind: 'confirm', initial: { name: step.name, confirmation: step.confirmation } }
  if (step.kind === 'file') {
    return {
      key: step.id,
      kind: 'file',
      files: step.files,
      remoteDir: step.remoteDir,
      mode: step.mode,
      continueOnFailure: step.continueOnFailure,
      hosts: step.hosts,
    }
  }
  return {
    key: step.id,
    kind: 'script',
    script: step.script && {
      id: step.script.id,
      name: step.script.name,
      latestVersion: step.script.latestVersion,
    },
    version: step.version,
    parameters: taskParameterViews(step),
    continueOnFailure: step.continueOnFailure,
    hosts: step.hosts,
    runAs: step.runAs,
  }
}

/** An instant as "YYYY-MM-DDTHH:MM" on the zone's wall clock: a datetime-local value. */
export function toZonedLocal(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`
}

export function taskFormInitial(task: TaskDetail): TaskFormInitial {
  return {
    name: task.name,
    description: task.description,
    type: task.type,
    cron: task.cron ?? '',
    timezone: task.timezone,
    runAt: task.runAt ? toZonedLocal(task.runAt, task.timezone) : '',
    steps: task.steps.map(stepState),
    targets: task.targets.map((t) => ({ id: t.id, name: t.name, host: t.host })),
    labels: task.labels,
    parallelism: task.parallelism,
    timeoutSeconds: task.timeoutSeconds,
    maxFailedCount: task.maxFailedCount,
    maxFailedPercent: task.maxFailedPercent,
    overlap: task.overlap as TaskFormInitial['overlap'],
    misfire: task.misfire as TaskFormInitial['misfire'],
    notify: parseNotifyPolicy(task.notify),
    rollout: rolloutState(task.rollout),
    enabled: task.enabled,
  }
}
