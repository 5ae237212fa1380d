import { roleLabels, type TenantRole } from '@/lib/auth/permissions'
import type { BatchSize, Confirmation, Rollout } from '@/lib/engine/rollout'
import { channelKindLabels, type ChannelKind } from '@/lib/notify/schema'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'

// A task's policies in words, for its overview.

/** "a", "a or b", "a, b or c". */
export function list(items: string[], last: 'and' | 'or') {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`
}

/** The people and channels a policy or confirmation names, by name; those gone since are left out. */
export function recipientNames(recipients: { userIds: string[]; channelIds: string[] }, choices: NotifyChoices) {
  return {
    people: choices.members.filter((m) => recipients.userIds.includes(m.id)).map((m) => m.name),
    channels: choices.channels
      .filter((c) => recipients.channelIds.includes(c.id))
      .map(
        (c) => `${c.name} (${channelKindLabels[c.kind as ChannelKind] ?? c.kind}${c.enabled ? '' : ', turned off'})`,
      ),
  }
}

const rolePlural = (role: TenantRole) => `${roleLabels[role]}s`

/** "asks Tenant admins and Ann and messages Ops (Slack); times out after 30 min". */
export function confirmationSummary(confirmation: Confirmation, choices: NotifyChoices) {
  const { people, channels } = recipientNames(confirmation, choices)
  const asked = [...confirmation.roles.map(rolePlural), ...people]
  const who = [
    asked.length ? `asks ${list(asked, 'and')}` : '',
    channels.length ? `messages ${list(channels, 'and')}` : '',
  ].filter(Boolean)
  const timeout =
    confirmation.timeoutMinutes === null
      ? 'waits until someone answers'
      : `times out after ${confirmation.timeoutMinutes} min`
  return `${who.length ? who.join(' and ') : 'asks nobody left in the tenant'}; ${timeout}`
}

const size = (s: BatchSize) => (s.unit === 'percent' ? `${s.value} %` : s.value === 1 ? '1 host' : `${s.value} hosts`)

/** "Canary 1 host, then batches of 25 %, confirmation between batches". */
export function rolloutSummary(rollout: Rollout) {
  const batches = rollout.canary
    ? `Canary ${size(rollout.canary)}, then batches of ${size(rollout.batch)}`
    : `Batches of ${size(rollout.batch)}`
  const between = {
    none: '',
    confirm: ', confirmation between batches',
    delay: `, ${rollout.delaySeconds} s pause between batches`,
  }[rollout.between]
  return batches + between
}
