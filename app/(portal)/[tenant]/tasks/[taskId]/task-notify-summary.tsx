import { roleLabels } from '@/lib/auth/permissions'
import type { NotifyPolicy } from '@/lib/notify/policy'
import { statusLabels } from '@/lib/runs/statuses'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import { list, recipientNames } from './task-summaries'

/** The task's notification policy in words; people and channels gone since are left out. */
export function TaskNotifySummary({ policy, choices }: { policy: NotifyPolicy; choices: NotifyChoices }) {
  if (policy.on.length === 0) return <p>No run of this task notifies anyone.</p>
  const { people, channels } = recipientNames(policy, choices)
  const roles = policy.roles.map((r) => roleLabels[r])
  const recipients = [
    ...(roles.length ? [`everyone who is ${list(roles, 'or')}`] : []),
    ...(people.length ? [list(people, 'and')] : []),
  ]
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
