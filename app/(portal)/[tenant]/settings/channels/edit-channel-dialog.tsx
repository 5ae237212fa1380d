'use client'
import { PencilIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormDialog } from '@/components/forms/form-dialog'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
import { updateChannelAction } from '@/lib/notify/actions'
import type { ChannelDetail } from '@/lib/notify/queries'
import { ChannelFields } from './channel-fields'

export function EditChannelDialog({ tenant, channel }: { tenant: string; channel: ChannelDetail }) {
  const { form, dialog } = useDialogForm(updateChannelAction, {
    extra: { tenant, channelId: channel.id },
    onSuccess: () => toast.success('Channel saved'),
  })
  return (
    <FormDialog
      form={form}
      dialog={dialog}
      title="Edit channel"
      description="Messages already queued are sent with the new settings."
      submit="Save"
      pending="Saving…"
      trigger={
        <Button variant="outline" size="sm" aria-label={`Edit channel: ${channel.name}`}>
          <PencilIcon aria-hidden /> Edit
        </Button>
      }
    >
      <ChannelFields prefix={`channel-${channel.id}`} errors={form.fieldErrors} channel={channel} />
    </FormDialog>
  )
}
