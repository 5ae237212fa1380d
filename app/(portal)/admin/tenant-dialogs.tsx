'use client'
import { PencilIcon, PlusIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormDialog } from '@/components/forms/form-dialog'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { createTenantAction, updateTenantAction } from '@/lib/tenants/actions'
import type { TenantRow } from '@/lib/tenants/queries'

export function CreateTenantDialog() {
  const { form, dialog } = useDialogForm(createTenantAction, {
    onSuccess: () => toast.success('Tenant created'),
  })
  const errors = form.fieldErrors
  return (
    <FormDialog
      form={form}
      dialog={dialog}
      title="New tenant"
      description="The slug is the tenant's part of every link, e.g. /payments/tasks."
      submit="Create tenant"
      pending="Creating…"
      trigger={
        <Button>
          <PlusIcon aria-hidden /> New tenant
        </Button>
      }
    >
      <Field label="Name" htmlFor="tenant-name" error={errors.name}>
        <Input name="name" autoFocus />
      </Field>
      <Field
        label="Slug"
        htmlFor="tenant-slug"
        error={errors.slug}
        description="Lowercase letters, digits and hyphens."
      >
        <Input name="slug" autoCapitalize="off" spellCheck={false} />
      </Field>
    </FormDialog>
  )
}

export function EditTenantDialog({ tenant }: { tenant: TenantRow }) {
  const { form, dialog } = useDialogForm(updateTenantAction, {
    extra: { id: tenant.id },
    onSuccess: () => toast.success('Tenant saved'),
  })
  return (
    <FormDialog
      form={form}
      dialog={dialog}
      title={<>Edit {tenant.name}</>}
      description={<>The slug /{tenant.slug} stays, so links keep working.</>}
      submit="Save"
      pending="Saving…"
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Edit ${tenant.name}`}>
          <PencilIcon aria-hidden /> Edit
        </Button>
      }
    >
      <Field label="Name" htmlFor={`tenant-name-${tenant.id}`} error={form.fieldErrors.name}>
        <Input name="name" defaultValue={tenant.name} />
      </Field>
      <div className="flex items-center gap-2">
        <Checkbox id={`tenant-disabled-${tenant.id}`} name="disabled" defaultChecked={tenant.disabled} />
        <Label htmlFor={`tenant-disabled-${tenant.id}`}>Disabled (members cannot open it; schedules stop)</Label>
      </div>
    </FormDialog>
  )
}
