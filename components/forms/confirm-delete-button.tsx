'use client'
import { Trash2Icon } from 'lucide-react'
import { useRouter } from 'next/navigation'
import { type ReactNode, useState } from 'react'
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

/**
 * Delete, after a confirmation that says what goes. A refusal (e.g. "used by task X") stays
 * in the dialog; on success it toasts and goes to `then`.
 */
export function ConfirmDeleteButton({
  noun,
  name,
  description,
  remove,
  then,
}: {
  /** "script", "task": the confirm button reads "Delete <noun>". */
  noun: string
  name: string
  description: ReactNode
  /** Calls the delete action (lib/action.ts chain) and returns its result. */
  remove: () => Promise<{ serverError?: string } | undefined>
  then: string
}) {
  const router = useRouter()
  const [open, setOpen] = useState(false)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | undefined>()
  async function confirm() {
    setPending(true)
    const result = await remove()
    setPending(false)
    if (!result || result.serverError) return setError(result?.serverError ?? 'Could not delete.')
    setOpen(false)
    toast.success(`“${name}” deleted`)
    router.push(then)
  }
  return (
    <AlertDialog open={open} onOpenChange={(o) => (setOpen(o), setError(undefined))}>
      <AlertDialogTrigger asChild>
        <Button variant="outline">
          <Trash2Icon aria-hidden /> Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete “{name}”?</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <FormError message={error} />
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button variant="destructive" disabled={pending} onClick={() => void confirm()}>
            {pending ? 'Deleting…' : `Delete ${noun}`}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
