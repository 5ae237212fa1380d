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
import { deleteTaskAction } from '@/lib/tasks/actions'

export function DeleteTaskButton({ tenant, taskId, name }: { tenant: string; taskId: string; name: string }) {
  const router = useRouter()
  const [open, setOpen] = useState(false)
  const remove = useAction(deleteTaskAction, {
    onSuccess() {
      setOpen(false)
      toast.success(`“${name}” deleted`)
      router.push(`/${tenant}/tasks`)
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
            The task, its steps and its schedule are removed. Its runs stay in history.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <FormError message={remove.result.serverError} />
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button
            variant="destructive"
            disabled={remove.isPending}
            onClick={() => remove.execute({ tenant, id: taskId })}
          >
            {remove.isPending ? 'Deleting…' : 'Delete task'}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
