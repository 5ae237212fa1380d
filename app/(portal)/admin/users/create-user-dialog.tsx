'use client'
import { PlusIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormDialog } from '@/components/forms/form-dialog'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
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
    <FormDialog
      form={form}
      dialog={dialog}
      title="New user"
      description="Give them the first password yourself; they sign in with their email."
      submit="Create user"
      pending="Creating…"
      trigger={
        <Button>
          <PlusIcon aria-hidden /> New user
        </Button>
      }
    >
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
    </FormDialog>
  )
}
