import Link from 'next/link'
import type { ReactNode } from 'react'
import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import { roleLabels, type TenantRole, tenantRoles } from '@/lib/auth/permissions'
import { channelKindLabels, type ChannelKind } from '@/lib/notify/schema'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import { recipientInputNames } from './use-task-form'

type Errors = Record<string, string[] | undefined>

/** A named checkbox: the form reads the ticked ones by their name's prefix. */
export function Choice({ name, label, checked }: { name: string; label: ReactNode; checked: boolean }) {
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

export function ChoiceGroup({
  id,
  title,
  error,
  children,
}: {
  id: string
  title: string
  error?: string[]
  children: ReactNode
}) {
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
 * Who hears of something (a run's end, a confirmation to give): roles, members and channels
 * as checkboxes named under `base` (e.g. "notify."), with the errors keyed under `errorPath`.
 * Three groups, laid out by the caller's grid.
 */
export function RecipientFields({
  tenant,
  base,
  errorPath,
  initial,
  choices,
  errors,
}: {
  tenant: string
  base: string
  errorPath: string
  initial: { roles: TenantRole[]; userIds: string[]; channelIds: string[] }
  choices: NotifyChoices
  errors: Errors
}) {
  const names = recipientInputNames(base)
  const id = `task-${base.replaceAll('.', '-')}`
  return (
    <>
      <ChoiceGroup id={`${id}roles`} title="Notice to everyone who is" error={errors[`${errorPath}.roles`]}>
        {tenantRoles.map((r) => (
          <Choice key={r} name={`${names.roles}${r}`} label={roleLabels[r]} checked={initial.roles.includes(r)} />
        ))}
      </ChoiceGroup>
      <ChoiceGroup id={`${id}users`} title="And to these members" error={errors[`${errorPath}.userIds`]}>
        <div className="grid max-h-56 gap-2 overflow-y-auto">
          {choices.members.map((m) => (
            <Choice
              key={m.id}
              name={`${names.userIds}${m.id}`}
              label={
                <>
                  {m.name} <span className="text-muted-foreground">{m.email}</span>
                </>
              }
              checked={initial.userIds.includes(m.id)}
            />
          ))}
        </div>
      </ChoiceGroup>
      <ChoiceGroup id={`${id}channels`} title="Send through these channels" error={errors[`${errorPath}.channelIds`]}>
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
              name={`${names.channelIds}${c.id}`}
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
      </ChoiceGroup>
    </>
  )
}
