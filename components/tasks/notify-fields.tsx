import Link from 'next/link'
import type { ReactNode } from 'react'
import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import { roleLabels, tenantRoles } from '@/lib/auth/permissions'
import { notifyStatuses } from '@/lib/notify/policy'
import { channelKindLabels, type ChannelKind } from '@/lib/notify/schema'
import { statusLabels } from '@/lib/runs/statuses'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import type { TaskFormInitial } from './task-form-state'
import { notifyInputPrefix } from './use-task-form'

type Errors = Record<string, string[] | undefined>

function Choice({ name, label, checked }: { name: string; label: ReactNode; checked: boolean }) {
  const id = `task-${name.replaceAll('.', '-')}`
  return (
    <div className="flex items-center gap-2">
      <Checkbox id={id} name={name} defaultChecked={checked} />
      <Label htmlFor={id} className="font-normal">
        {label}
      </Label>
    </div>
  )
}

function Group({ id, title, error, children }: { id: string; title: string; error?: string[]; children: ReactNode }) {
  return (
    <div
      role="group"
      aria-labelledby={`${id}-title`}
      aria-describedby={error ? `${id}-error` : undefined}
      className="grid content-start gap-2"
    >
      <p id={`${id}-title`} className="text-sm font-medium">
        {title}
      </p>
      {children}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {error[0]}
        </p>
      )}
    </div>
  )
}

/**
 * Who hears about a run's end: on which final statuses, which roles and members get an in-app
 * notice, and which of the tenant's channels carry the message.
 */
export function NotifyFields({
  tenant,
  initial,
  choices,
  errors,
}: {
  tenant: string
  initial: TaskFormInitial['notify']
  choices: NotifyChoices
  errors: Errors
}) {
  return (
    <fieldset className="grid gap-4">
      <legend className="mb-2 text-sm font-semibold">Notifications</legend>
      <div className="grid items-start gap-6 sm:grid-cols-2">
        <Group id="task-notify-on" title="When a run ends" error={errors['notify.on']}>
          {notifyStatuses.map((s) => (
            <Choice
              key={s}
              name={`${notifyInputPrefix.on}${s}`}
              label={statusLabels[s]}
              checked={initial.on.includes(s)}
            />
          ))}
        </Group>
        <Group id="task-notify-roles" title="Notice to everyone who is" error={errors['notify.roles']}>
          {tenantRoles.map((r) => (
            <Choice
              key={r}
              name={`${notifyInputPrefix.roles}${r}`}
              label={roleLabels[r]}
              checked={initial.roles.includes(r)}
            />
          ))}
        </Group>
        <Group id="task-notify-users" title="And to these members" error={errors['notify.userIds']}>
          <div className="grid max-h-56 gap-2 overflow-y-auto">
            {choices.members.map((m) => (
              <Choice
                key={m.id}
                name={`${notifyInputPrefix.userIds}${m.id}`}
                label={
                  <>
                    {m.name} <span className="text-muted-foreground">{m.email}</span>
                  </>
                }
                checked={initial.userIds.includes(m.id)}
              />
            ))}
          </div>
        </Group>
        <Group id="task-notify-channels" title="Send through these channels" error={errors['notify.channelIds']}>
          {choices.channels.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No channels yet — add one in{' '}
              <Link href={`/${tenant}/settings/channels`} className="underline underline-offset-2">
                Settings → Notifications
              </Link>
              .
            </p>
          ) : (
            choices.channels.map((c) => (
              <Choice
                key={c.id}
                name={`${notifyInputPrefix.channelIds}${c.id}`}
                label={
                  <>
                    {c.name}{' '}
                    <span className="text-muted-foreground">
                      {channelKindLabels[c.kind as ChannelKind] ?? c.kind}
                      {!c.enabled && ', turned off'}
                    </span>
                  </>
                }
                checked={initial.channelIds.includes(c.id)}
              />
            ))
          )}
        </Group>
      </div>
    </fieldset>
  )
}
