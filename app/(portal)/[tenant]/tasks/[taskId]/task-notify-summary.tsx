import { roleLabels } from '@/lib/auth/permissions'
import type { NotifyPolicy } from '@/lib/notify/policy'
import { channelKindLabels, type ChannelKind } from '@/lib/notify/schema'
import { statusLabels } from '@/lib/runs/statuses'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'

/** "a", "a or b", "a, b or c". */
function list(items: string[], last: 'and' | 'or') {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`
}

/** The task's notification policy in words; people and channels gone since are left out. */
export function TaskNotifySummary({ policy, choices }: { policy: NotifyPolicy; choices: NotifyChoices }) {
  if (policy.on.length === 0) return <p>No run of this task notifies anyone.</p>
  const people = choices.members.filter((m) => policy.userIds.includes(m.id)).map((m) => m.name)
  const roles = policy.roles.map((r) => roleLabels[r])
  const recipients = [
    ...(roles.length ? [`everyone who is ${list(roles, 'or')}`] : []),
    ...(people.length ? [list(people, 'and')] : []),
  ]
  const channels = choices.channels
    .filter((c) => policy.channelIds.includes(c.id))
    .map((c) => `${c.name} (${channelKindLabels[c.kind as ChannelKind] ?? c.kind}${c.enabled ? '' : ', turned off'})`)
  return (
    <div className="grid gap-1" data-testid="task-notify-summary">
      <p>
        When a run ends{' '}
        {list(
          policy.on.map((s) => statusLabels[s].toLowerCase()),
          'or',
        )}
        :
      </p>
      <ul className="grid list-disc gap-0.5 pl-5">
        <li>In-app notice to {recipients.length ? list(recipients, 'and') : 'nobody'}.</li>
        <li>{channels.length ? `Message through ${list(channels, 'and')}.` : 'No channel messages.'}</li>
      </ul>
    </div>
  )
}
