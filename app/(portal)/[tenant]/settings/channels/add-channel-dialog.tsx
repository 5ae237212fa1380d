'use client'
import { PlusIcon } from 'lucide-react'
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
import { createChannelAction } from '@/lib/notify/actions'
import { ChannelFields } from './channel-fields'

export function AddChannelDialog({ tenant }: { tenant: string }) {
  const { form, dialog } = useDialogForm(createChannelAction, {
    extra: { tenant },
    onSuccess: () => toast.success('Channel added'),
  })
  return (
    <Dialog {...dialog}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden /> Add channel
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add a channel</DialogTitle>
          <DialogDescription>Tasks choose the channels their run notifications go to.</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
          <FormError message={form.formError} />
          <ChannelFields prefix="new-channel" errors={form.fieldErrors} />
          <DialogFooter>
            <Button type="submit" disabled={form.isPending}>
              {form.isPending ? 'Adding…' : 'Add channel'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
