'use client'
import { PencilIcon } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { FormError } from '@/components/forms/form-error'
import { useFormAction } from '@/components/forms/use-form-action'
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
import { Separator } from '@/components/ui/separator'
import { resetPasswordAction, updateUserAction } from '@/lib/users/actions'
import type { UserRow } from '@/lib/users/queries'

export function EditUserDialog({ user }: { user: UserRow }) {
  const [open, setOpen] = useState(false)
  const edit = useFormAction(updateUserAction, {
    extra: { id: user.id },
    onSuccess() {
      setOpen(false)
      toast.success('User saved')
    },
  })
  const password = useFormAction(resetPasswordAction, {
    extra: { id: user.id },
    onSuccess() {
      setOpen(false)
      toast.success('Password changed')
    },
  })
  const id = (field: string) => `user-${field}-${user.id}`
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), edit.reset(), password.reset())}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Edit ${user.email}`}>
          <PencilIcon aria-hidden /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit {user.email}</DialogTitle>
          <DialogDescription>
            Disabling a user or setting their password ends their sessions on their next request.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={edit.onSubmit} className="grid gap-4" noValidate>
          <FormError message={edit.formError} />
          <Field label="Name" htmlFor={id('name')} error={edit.fieldErrors.name}>
            <Input name="name" defaultValue={user.name} />
          </Field>
          <div className="flex items-center gap-2">
            <Checkbox id={id('sysadmin')} name="isSystemAdmin" defaultChecked={user.isSystemAdmin} />
            <Label htmlFor={id('sysadmin')}>System admin</Label>
          </div>
          <div className="flex items-center gap-2">
            <Checkbox id={id('disabled')} name="disabled" defaultChecked={user.disabled} />
            <Label htmlFor={id('disabled')}>Disabled</Label>
          </div>
          <DialogFooter>
            <Button type="submit" disabled={edit.isPending}>
              Save
            </Button>
          </DialogFooter>
        </form>
        <Separator />
        <form onSubmit={password.onSubmit} className="grid gap-4" noValidate>
          <FormError message={password.formError} />
          <Field label="New password" htmlFor={id('password')} error={password.fieldErrors.password}>
            <Input name="password" type="password" autoComplete="new-password" />
          </Field>
          <DialogFooter>
            <Button type="submit" variant="outline" disabled={password.isPending}>
              Set password
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
