'use client'
import { ShieldAlertIcon } from 'lucide-react'
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
import { trustTargetHostKeyAction } from '@/lib/targets/actions'
import { trustProxyHostKeyAction } from '@/lib/targets/proxy-actions'

/** The trusted host key and, after a mismatch, the one presented instead, with re-trust. */
export function HostKeyPanel({
  tenant,
  kind,
  id,
  trusted,
  presented,
  canTrust,
}: {
  tenant: string
  kind: 'target' | 'proxy'
  id: string
  trusted: string | null
  presented: string | null
  canTrust: boolean
}) {
  const trust = useAction(kind === 'target' ? trustTargetHostKeyAction : trustProxyHostKeyAction, {
    onSuccess: () => toast.success('New host key trusted'),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not trust the key.'),
  })
  return (
    <div className="grid gap-2 text-sm">
      <div>
        <span className="text-muted-foreground">Trusted host key: </span>
        <code className="break-all">{trusted ?? 'none yet — the first connection will record it'}</code>
      </div>
      {presented && (
        <div className="grid gap-3 rounded-md border border-destructive/40 bg-destructive/10 p-3">
          <p className="flex items-center gap-2 font-medium text-destructive">
            <ShieldAlertIcon aria-hidden className="size-4" /> The host presented a different key
          </p>
          <p>
            <span className="text-muted-foreground">Presented: </span>
            <code className="break-all">{presented}</code>
          </p>
          <p className="text-muted-foreground">
            Fanout refuses to connect until an admin trusts the new key. Only do so if you know why it changed (e.g. the
            host was reinstalled).
          </p>
          {canTrust && (
            <AlertDialog>
              <AlertDialogTrigger asChild>
                <Button variant="destructive" size="sm" className="justify-self-start">
                  Trust the new key
                </Button>
              </AlertDialogTrigger>
              <AlertDialogContent>
                <AlertDialogHeader>
                  <AlertDialogTitle>Trust the new host key?</AlertDialogTitle>
                  <AlertDialogDescription>
                    Old: {trusted}
                    <br />
                    New: {presented}
                  </AlertDialogDescription>
                </AlertDialogHeader>
                <AlertDialogFooter>
                  <AlertDialogCancel>Cancel</AlertDialogCancel>
                  <AlertDialogAction onClick={() => trust.execute({ tenant, id })}>Trust new key</AlertDialogAction>
                </AlertDialogFooter>
              </AlertDialogContent>
            </AlertDialog>
          )}
        </div>
      )}
    </div>
  )
}
