'use client'
import { PlusIcon } from 'lucide-react'
import { useState } from 'react'
import { FormError } from '@/components/forms/form-error'
import { useFormAction } from '@/components/forms/use-form-action'
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
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { createWebhookAction } from '@/lib/webhooks/actions'
import { WebhookSecret } from './webhook-secret'

/** Names a new webhook, then shows its URL and secret (once) in the same dialog. */
export function CreateWebhookDialog({ tenant, taskId }: { tenant: string; taskId: string }) {
  const [open, setOpen] = useState(false)
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null)
  const form = useFormAction(createWebhookAction, {
    extra: { tenant, taskId },
    onSuccess: (data) => data && setCreated({ url: data.url, secret: data.secret }),
  })
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    setCreated(null)
    form.reset()
  }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden /> New webhook
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{created ? 'Webhook created' : 'New webhook'}</DialogTitle>
          <DialogDescription>
            A signed POST to its URL runs this task, e.g. from a CI pipeline or a ticket system.
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <>
            <WebhookSecret url={created.url} secret={created.secret} />
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
            <FormError message={form.formError} />
            <Field
              label="Name"
              htmlFor="webhook-name"
              error={form.fieldErrors.name}
              description="Who calls it, e.g. “GitLab deploy”. Runs it starts show this name."
            >
              <Input name="name" autoComplete="off" autoFocus />
            </Field>
            <DialogFooter>
              <Button type="submit" disabled={form.isPending}>
                {form.isPending ? 'Creating…' : 'Create webhook'}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  )
}
