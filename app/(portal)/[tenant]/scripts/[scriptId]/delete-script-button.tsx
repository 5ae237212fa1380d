'use client'
import { Trash2Icon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { toast } from 'sonner'
import { FormError } from '@/components/forms/form-error'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import { deleteScriptAction } from '@/lib/scripts/actions'

export function DeleteScriptButton({ tenant, scriptId, name }: { tenant: string; scriptId: string; name: string }) {
  const router = useRouter()
  const [open, setOpen] = useState(false)
  const remove = useAction(deleteScriptAction, {
    onSuccess() {
      setOpen(false)
      toast.success(`“${name}” deleted`)
      router.push(`/${tenant}/scripts`)
    },
  })
  return (
    <AlertDialog open={open} onOpenChange={(o) => (setOpen(o), remove.reset())}>
      <AlertDialogTrigger asChild>
        <Button variant="outline">
          <Trash2Icon aria-hidden /> Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete “{name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            The script and all its versions are removed. A script that a task uses cannot be deleted.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {/* Shown in the dialog: a refusal names the tasks that use the script. */}
        <FormError message={remove.result.serverError} />
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button
            variant="destructive"
            disabled={remove.isPending}
            onClick={() => remove.execute({ tenant, scriptId })}
          >
            {remove.isPending ? 'Deleting…' : 'Delete script'}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
