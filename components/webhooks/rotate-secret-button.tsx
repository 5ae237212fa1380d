'use client'
import { RefreshCwIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
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
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { rotateWebhookSecretAction } from '@/lib/webhooks/actions'
import { WebhookSecret } from './webhook-secret'

/** Replaces the secret after a confirmation, then shows the new one once. */
export function RotateSecretButton({ tenant, webhookId, name }: { tenant: string; webhookId: string; name: string }) {
  const [rotated, setRotated] = useState<{ url: string; secret: string } | null>(null)
  const rotate = useAction(rotateWebhookSecretAction, {
    onSuccess: ({ data }) => data && setRotated({ url: data.url, secret: data.secret }),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not rotate the secret.'),
  })
  return (
    <>
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="ghost" size="sm" aria-label={`Rotate secret: ${name}`}>
            <RefreshCwIcon aria-hidden /> Rotate secret
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Rotate the secret of “{name}”?</AlertDialogTitle>
            <AlertDialogDescription>
              Calls signed with the current secret are refused from now on; give the new one to the caller.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction onClick={() => rotate.execute({ tenant, webhookId })}>Rotate</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      <Dialog open={rotated !== null} onOpenChange={(open) => !open && setRotated(null)}>
        <DialogContent className="sm:max-w-2xl">
          <DialogHeader>
            <DialogTitle>New secret for “{name}”</DialogTitle>
          </DialogHeader>
          {rotated && <WebhookSecret url={rotated.url} secret={rotated.secret} />}
          <DialogFooter>
            <Button onClick={() => setRotated(null)}>Done</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  )
}
