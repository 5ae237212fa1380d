'use client'
import { PlusIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormDialog } from '@/components/forms/form-dialog'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
import { createChannelAction } from '@/lib/notify/actions'
import { ChannelFields } from './channel-fields'

export function AddChannelDialog({ tenant }: { tenant: string }) {
  const { form, dialog } = useDialogForm(createChannelAction, {
    extra: { tenant },
    onSuccess: () => toast.success('Channel added'),
  })
  return (
    <FormDialog
      form={form}
      dialog={dialog}
      title="Add a channel"
      description="Tasks choose the channels their run notifications go to."
      submit="Add channel"
      pending="Adding…"
      trigger={
        <Button>
          <PlusIcon aria-hidden /> Add channel
        </Button>
      }
    >
      <ChannelFields prefix="new-channel" errors={form.fieldErrors} />
    </FormDialog>
  )
}
