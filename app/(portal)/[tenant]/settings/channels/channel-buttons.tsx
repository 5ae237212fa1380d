'use client'
import { SendIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { toast } from 'sonner'
import { ConfirmDeleteButton } from '@/components/forms/confirm-delete-button'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import { deleteChannelAction, setChannelEnabledAction, testChannelAction } from '@/lib/notify/actions'

type Props = { tenant: string; channel: { id: string; name: string; enabled: boolean } }

/** Sends a test message and says how it went; the delivery appears in the channel's list. */
export function SendTestButton({ tenant, channel }: Props) {
  const test = useAction(testChannelAction, {
    onSuccess: ({ data }) =>
      data?.status === 'delivered'
        ? toast.success(`Test message delivered${data.statusCode ? ` (${data.statusCode})` : ''}`)
        : toast.error(`Test message failed: ${data?.error ?? 'unknown error'}`),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not send the test message.'),
  })
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={test.isPending}
      aria-label={`Send test: ${channel.name}`}
      onClick={() => test.execute({ tenant, channelId: channel.id })}
    >
      <SendIcon aria-hidden /> {test.isPending ? 'Sending…' : 'Send test'}
    </Button>
  )
}

export function ChannelEnabledSwitch({ tenant, channel }: Props) {
  const toggle = useAction(setChannelEnabledAction, {
    onSuccess: ({ data }) => toast.success(data?.enabled ? 'Channel enabled' : 'Channel disabled'),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not change the channel.'),
  })
  // Optimistic: the box follows the click; the page's refreshed data confirms it.
  const checked = toggle.isPending && toggle.input ? toggle.input.enabled : channel.enabled
  const id = `enabled-${channel.id}`
  return (
    <div className="flex items-center gap-2">
      <Checkbox
        id={id}
        checked={checked}
        disabled={toggle.isPending}
        onCheckedChange={(value) => toggle.execute({ tenant, channelId: channel.id, enabled: value === true })}
      />
      <Label htmlFor={id}>Enabled</Label>
    </div>
  )
}

export function DeleteChannelButton({ tenant, channel }: Props) {
  return (
    <ConfirmDeleteButton
      noun="channel"
      name={channel.name}
      description="Tasks stop sending through it, and its delivery history goes with it."
      remove={() => deleteChannelAction({ tenant, channelId: channel.id })}
      then={`/${tenant}/settings/channels`}
    />
  )
}
