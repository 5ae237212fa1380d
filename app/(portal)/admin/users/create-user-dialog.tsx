'use client'
import { PlusIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormError } from '@/components/forms/form-error'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
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
import { Label } from '@/components/ui/label'
import { createUserAction } from '@/lib/users/actions'

export function CreateUserDialog() {
  const { form, dialog } = useDialogForm(createUserAction, {
    onSuccess: () => toast.success('User created. Add them to a tenant with “Tenants”.'),
  })
  const errors = form.fieldErrors
  return (
    <Dialog {...dialog}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden /> New user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New user</DialogTitle>
          <DialogDescription>Give them the first password yourself; they sign in with their email.</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
          <FormError message={form.formError} />
          <Field label="Name" htmlFor="user-name" error={errors.name}>
            <Input name="name" autoFocus />
          </Field>
          <Field label="Email" htmlFor="user-email" error={errors.email}>
            <Input name="email" type="email" autoComplete="off" />
          </Field>
          <Field label="Password" htmlFor="user-password" error={errors.password} description="At least 10 characters.">
            <Input name="password" type="password" autoComplete="new-password" />
          </Field>
          <div className="flex items-center gap-2">
            <Checkbox id="user-sysadmin" name="isSystemAdmin" />
            <Label htmlFor="user-sysadmin">System admin (manages the whole platform)</Label>
          </div>
          <DialogFooter>
            <Button type="submit" disabled={form.isPending}>
              {form.isPending ? 'Creating…' : 'Create user'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
