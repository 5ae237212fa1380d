'use client'
import { SquareIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useRouter } from 'next/navigation'
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
import { cancelRunAction } from '@/lib/runs/actions'

export function CancelRunButton({ tenant, id }: { tenant: string; id: string }) {
  const router = useRouter()
  const cancel = useAction(cancelRunAction, {
    onSuccess: ({ data }) => {
      toast.success(data?.outcome === 'cancelled' ? 'Run cancelled' : 'Cancelling: stopping the scripts on the hosts')
      router.refresh()
    },
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not cancel.'),
  })
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" disabled={cancel.isPending}>
          <SquareIcon aria-hidden /> Cancel run
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Cancel this run?</AlertDialogTitle>
          <AlertDialogDescription>
            Running scripts are stopped on every host (TERM, then KILL) and targets not started yet are skipped.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Keep running</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={() => cancel.execute({ tenant, id })}>
            Cancel run
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
