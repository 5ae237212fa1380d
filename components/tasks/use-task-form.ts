'use client'
import { useState, useSyncExternalStore } from 'react'
import { stepScriptParametersAction } from '@/lib/tasks/form-data-actions'
import { previousWorkStep } from '@/lib/tasks/schema'
import {
  newConfirmation,
  newStepKey,
  rolloutInput,
  type ScriptChoice,
  type ScriptStepState,
  type StepState,
  type TaskFormInitial,
} from './task-form-state'

const subscribeNever = () => () => {}

/** The browser's time zone; null while rendering on the server (and hydrating), which cannot know it. */
export function useBrowserZone(): string | null {
  return useSyncExternalStore(
    subscribeNever,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  )
}

/** Name prefixes of the checkboxes naming who hears of something, by field, under `base` (e.g. "notify."). */
export const recipientInputNames = (base: string) => ({
  roles: `${base}role.`,
  userIds: `${base}user.`,
  channelIds: `${base}channel.`,
})

/** Input name prefixes of the Notifications section's checkboxes, by policy field. */
export const notifyInputPrefix = { on: 'notify.on.', ...recipientInputNames('notify.') }

/** The base of a confirm step's input names: by step key, so a reorder keeps what was typed. */
export const confirmInputBase = (stepKey: string) => `step.${stepKey}.confirm.`
export const rolloutConfirmBase = 'rollout.confirm.'

/** Input names of a script step's parameters: by step key, so a reorder keeps what was typed. */
export const parameterInputName = (stepKey: string, name: string) => `step.${stepKey}.param.${name}`

/**
 * What the task form keeps beside its named inputs (name, description, limits, policies,
 * notifications, confirmations): the schedule, which drives the live preview, the steps, the
 * targets, the rollout and the state. `prepare` turns both into the action's input.
 */
export function useTaskForm(tenant: string, initial: TaskFormInitial) {
  const [type, setType] = useState(initial.type)
  const [cron, setCron] = useState(initial.cron)
  const [chosenZone, setZone] = useState(initial.timezone)
  const [runAt, setRunAt] = useState(initial.runAt)
  const [steps, setSteps] = useState(initial.steps)
  const [targets, setTargets] = useState(initial.targets)
  const [labels, setLabels] = useState(initial.labels)
  const [rollout, setRollout] = useState(initial.rollout)
  const [enabled, setEnabled] = useState(initial.enabled)
  const browserZone = useBrowserZone()
  const timezone = chosenZone ?? browserZone ?? 'UTC'

  const patchStep = (key: string, patch: (step: StepState) => StepState) =>
    setSteps((all) => all.map((s) => (s.key === key ? patch(s) : s)))

  /** Loads what the step's script version declares, unless the step has moved on meanwhile. */
  async function loadParameters(key: string, scriptId: string, version: number | null) {
    const result = await stepScriptParametersAction({ tenant, scriptId, version })
    patchStep(key, (s) =>
      s.kind !== 'script' || s.script?.id !== scriptId || s.version !== version
        ? s
        : result?.data
          ? { ...s, parameters: result.data.parameters, loadError: undefined }
          : { ...s, parameters: [], loadError: result?.serverError ?? 'The script could not be loaded.' },
    )
  }

  function setScriptStep(key: string, script: ScriptChoice | null, version: number | null) {
    patchStep(key, (s) => ({ ...(s as ScriptStepState), script, version, parameters: script ? null : [] }))
    if (script) void loadParameters(key, script.id, version)
  }

  function prepare(values: Record<string, string | boolean>) {
    const text = (name: string) => String(values[name] ?? '')
    /** What follows `prefix` in the names of the ticked checkboxes (e.g. notify.on.failed → failed). */
    const ticked = (prefix: string) =>
      Object.entries(values)
        .filter(([name, value]) => name.startsWith(prefix) && value === true)
        .map(([name]) => name.slice(prefix.length))
    /** The inputs of ConfirmationFields named under `base`; an empty timeout: none. */
    const confirmation = (base: string) => {
      const names = recipientInputNames(base)
      return {
        message: text(`${base}message`),
        roles: ticked(names.roles),
        userIds: ticked(names.userIds),
        channelIds: ticked(names.channelIds),
        timeoutMinutes: text(`${base}timeout`).trim() || null,
      }
    }
    return {
      name: text('name'),
      description: text('description'),
      type,
      cron,
      timezone,
      runAt,
      steps: steps.map((s, index) => {
        if (s.kind === 'confirm') {
          const base = confirmInputBase(s.key)
          return { kind: 'confirm', name: text(`${base}name`), confirmation: confirmation(base) }
        }
        // Moved to the top (or behind confirmations only), a step has no step before it to choose hosts by.
        const hosts = previousWorkStep(steps, index) < 0 ? 'all' : s.hosts
        if (s.kind === 'file') {
          const { files, remoteDir, mode, continueOnFailure } = s
          return { kind: 'file', fileIds: files.map((f) => f.id), remoteDir, mode, continueOnFailure, hosts }
        }
        const prefix = parameterInputName(s.key, '')
        const parameters = Object.fromEntries(
          Object.entries(values)
            .filter(([name]) => name.startsWith(prefix))
            .map(([name, value]) => [name.slice(prefix.length), String(value)]),
        )
        return {
          kind: 'script',
          scriptId: s.script?.id ?? '',
          version: s.version,
          parameters,
          continueOnFailure: s.continueOnFailure,
          hosts,
          runAs: s.runAs,
        }
      }),
      targetIds: targets.map((t) => t.id),
      labels,
      parallelism: text('parallelism'),
      timeoutSeconds: text('timeoutSeconds'),
      maxFailedCount: text('maxFailedCount'),
      maxFailedPercent: text('maxFailedPercent'),
      overlap: text('overlap'),
      misfire: text('misfire'),
      notify: {
        on: ticked(notifyInputPrefix.on),
        roles: ticked(notifyInputPrefix.roles),
        userIds: ticked(notifyInputPrefix.userIds),
        channelIds: ticked(notifyInputPrefix.channelIds),
      },
      rollout: rolloutInput(rollout, () => confirmation(rolloutConfirmBase)),
      enabled,
    }
  }

  return {
    tenant,
    schedule: { type, setType, cron, setCron, timezone, setZone, runAt, setRunAt, browserZone },
    steps,
    addStep(kind: StepState['kind']) {
      const key = newStepKey()
      const work = { key, continueOnFailure: false, hosts: 'all' as const }
      setSteps((all) => [
        ...all,
        kind === 'confirm'
          ? { key, kind, initial: { name: '', confirmation: newConfirmation() } }
          : kind === 'script'
            ? { ...work, kind, script: null, version: null, parameters: [], runAs: null }
            : { ...work, kind, files: [], remoteDir: '', mode: '0644' },
      ])
    },
    moveStep(key: string, by: -1 | 1) {
      setSteps((all) => {
        const from = all.findIndex((s) => s.key === key)
        const to = from + by
        if (from < 0 || to < 0 || to >= all.length) return all
        const next = [...all]
        next.splice(to, 0, ...next.splice(from, 1))
        return next
      })
    },
    removeStep(key: string) {
      setSteps((all) => all.filter((s) => s.key !== key))
    },
    patchStep,
    chooseScript(key: string, script: ScriptChoice | null) {
      setScriptStep(key, script, null)
    },
    chooseVersion(key: string, script: ScriptChoice, version: number | null) {
      setScriptStep(key, script, version)
    },
    targets,
    setTargets,
    labels,
    setLabels,
    rollout,
    setRollout,
    enabled,
    setEnabled,
    prepare,
  }
}

export type TaskFormState = ReturnType<typeof useTaskForm>
