'use client'
import { Trash2Icon } from 'lucide-react'
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
import { deleteTargetAction } from '@/lib/targets/actions'
import { deleteProxyAction } from '@/lib/targets/proxy-actions'

export function DeleteEndpointButton({
  tenant,
  kind,
  id,
  name,
}: {
  tenant: string
  kind: 'target' | 'proxy'
  id: string
  name: string
}) {
  const router = useRouter()
  const remove = useAction(kind === 'target' ? deleteTargetAction : deleteProxyAction, {
    onSuccess: () => {
      toast.success(`${name} deleted`)
      router.push(`/${tenant}/${kind === 'target' ? 'targets' : 'proxies'}`)
    },
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not delete.'),
  })
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm">
          <Trash2Icon aria-hidden /> Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {name}?</AlertDialogTitle>
          <AlertDialogDescription>
            Its credential is deleted with it. Past runs keep their records.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={() => remove.execute({ tenant, id })}>
            Delete
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
