'use client'
import { UserPlusIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormDialog } from '@/components/forms/form-dialog'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { roleLabels, tenantRoles } from '@/lib/auth/permissions'
import { addMemberAction } from '@/lib/members/actions'

export function AddMemberDialog({ tenant }: { tenant: string }) {
  const { form, dialog } = useDialogForm(addMemberAction, {
    extra: { tenant },
    onSuccess: () => toast.success('Member added'),
  })
  const errors = form.fieldErrors
  return (
    <FormDialog
      form={form}
      dialog={dialog}
      title="Add a member"
      description={
        <>
          Someone who already has a Fanout account only needs their email. For someone new, also give a name and a first
          password.
        </>
      }
      submit="Add member"
      pending="Adding…"
      trigger={
        <Button>
          <UserPlusIcon aria-hidden /> Add member
        </Button>
      }
    >
      <Field label="Email" htmlFor="member-email" error={errors.email}>
        <Input name="email" type="email" autoComplete="off" autoFocus />
      </Field>
      <Field label="Role" htmlFor="member-role" error={errors.role}>
        <NativeSelect name="role" defaultValue="viewer">
          {tenantRoles.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field label="Name (new accounts)" htmlFor="member-name" error={errors.name}>
        <Input name="name" />
      </Field>
      <Field label="First password (new accounts)" htmlFor="member-password" error={errors.password}>
        <Input name="password" type="password" autoComplete="new-password" />
      </Field>
    </FormDialog>
  )
}
