'use client'
import { Trash2Icon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { toast } from 'sonner'
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import { deleteWebhookAction } from '@/lib/webhooks/actions'

export function DeleteWebhookButton({ tenant, webhookId, name }: { tenant: string; webhookId: string; name: string }) {
  const remove = useAction(deleteWebhookAction, {
    onSuccess: () => toast.success('Webhook deleted'),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not delete the webhook.'),
  })
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Delete webhook: ${name}`}>
          <Trash2Icon aria-hidden /> Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete “{name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            Its URL answers 404 from now on. Runs it started stay. To pause it instead, untick Enabled.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={() => remove.execute({ tenant, webhookId })}>
            Delete
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
