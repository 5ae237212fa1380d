'use client'
import { PencilIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormError } from '@/components/forms/form-error'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { updateChannelAction } from '@/lib/notify/actions'
import type { ChannelDetail } from '@/lib/notify/queries'
import { ChannelFields } from './channel-fields'

export function EditChannelDialog({ tenant, channel }: { tenant: string; channel: ChannelDetail }) {
  const { form, dialog } = useDialogForm(updateChannelAction, {
    extra: { tenant, channelId: channel.id },
    onSuccess: () => toast.success('Channel saved'),
  })
  return (
    <Dialog {...dialog}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Edit channel: ${channel.name}`}>
          <PencilIcon aria-hidden /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit channel</DialogTitle>
          <DialogDescription>Messages already queued are sent with the new settings.</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
          <FormError message={form.formError} />
          <ChannelFields prefix={`channel-${channel.id}`} errors={form.fieldErrors} channel={channel} />
          <DialogFooter>
            <Button type="submit" disabled={form.isPending}>
              {form.isPending ? 'Saving…' : 'Save'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
