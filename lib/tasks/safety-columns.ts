import { z } from 'zod'
import { type Confirmation, confirmationSchema, parseRollout, type Rollout } from '@/lib/engine/rollout'

// How a confirm step and a rollout are kept in their JSON columns. TaskStep has no name
// column: a confirm step's name is stored beside its confirmation in TaskStep.confirm.

const storedConfirmStep = confirmationSchema.extend({ name: z.string().default('') })

const unique = <T>(items: T[]) => [...new Set(items)]

const storedConfirmation = (c: Confirmation): Confirmation => ({
  message: c.message,
  roles: unique(c.roles),
  userIds: unique(c.userIds),
  channelIds: unique(c.channelIds),
  timeoutMinutes: c.timeoutMinutes,
})

/** TaskStep.confirm of a confirm step. */
export const confirmStepJson = (name: string, confirmation: Confirmation) =>
  JSON.stringify({ name, ...storedConfirmation(confirmation) })

/** A stored confirm step; what is unreadable asks the tenant's admins, without a timeout. */
export function readConfirmStep(json: string | null): { name: string; confirmation: Confirmation } {
  let value: unknown = {}
  try {
    value = JSON.parse(json || '{}')
  } catch {}
  const parsed = storedConfirmStep.safeParse(value)
  const { name, ...confirmation } = parsed.success ? parsed.data : storedConfirmStep.parse({})
  return { name, confirmation }
}

/** Task.rollout: "{}" without batches; the recipients only when a confirmation is asked between batches. */
export function rolloutJson(rollout: Rollout): string {
  if (rollout.mode === 'off') return '{}'
  const { confirm, ...rest } = rollout
  return JSON.stringify(rollout.between === 'confirm' ? { ...rest, confirm: storedConfirmation(confirm) } : rest)
}

/** A task's rollout as a run snapshot carries it: absent without batches. */
export function snapshotRollout(json: string): Rollout | undefined {
  const rollout = parseRollout(json)
  return rollout.mode === 'off' ? undefined : rollout
}
