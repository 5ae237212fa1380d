'use client'
import { FormError } from '@/components/forms/form-error'
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

/**
 * The dialog around a form of useDialogForm: trigger, title, the form's error, its fields
 * (children) and a submit button that says what is happening. Spread the hook's result:
 * `<FormDialog {...useDialogForm(action)} …>`, or pass `form` and `dialog`.
 */
export function FormDialog({
  form,
  dialog,
  trigger,
  title,
  description,
  submit,
  pending,
  children,
}: {
  form: { onSubmit: React.FormEventHandler<HTMLFormElement>; formError?: string | null; isPending: boolean }
  dialog: { open: boolean; onOpenChange: (open: boolean) => void }
  trigger: React.ReactNode
  title: React.ReactNode
  description?: React.ReactNode
  /** The submit button's label, and what it says while the action runs. */
  submit: string
  pending: string
  children: React.ReactNode
}) {
  return (
    <Dialog {...dialog}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          {description && <DialogDescription>{description}</DialogDescription>}
        </DialogHeader>
        <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
          <FormError message={form.formError} />
          {children}
          <DialogFooter>
            <Button type="submit" disabled={form.isPending}>
              {form.isPending ? pending : submit}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
