'use client'
import { PencilIcon, PlusIcon } from 'lucide-react'
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
import { createTenantAction, updateTenantAction } from '@/lib/tenants/actions'
import type { TenantRow } from '@/lib/tenants/queries'

export function CreateTenantDialog() {
  const { form, dialog } = useDialogForm(createTenantAction, {
    onSuccess: () => toast.success('Tenant created'),
  })
  const errors = form.fieldErrors
  return (
    <Dialog {...dialog}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden /> New tenant
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New tenant</DialogTitle>
          <DialogDescription>The slug is the tenant&apos;s part of every link, e.g. /payments/tasks.</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
          <FormError message={form.formError} />
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
          <DialogFooter>
            <Button type="submit" disabled={form.isPending}>
              {form.isPending ? 'Creating…' : 'Create tenant'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}

export function EditTenantDialog({ tenant }: { tenant: TenantRow }) {
  const { form, dialog } = useDialogForm(updateTenantAction, {
    extra: { id: tenant.id },
    onSuccess: () => toast.success('Tenant saved'),
  })
  return (
    <Dialog {...dialog}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Edit ${tenant.name}`}>
          <PencilIcon aria-hidden /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit {tenant.name}</DialogTitle>
          <DialogDescription>The slug /{tenant.slug} stays, so links keep working.</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
          <FormError message={form.formError} />
          <Field label="Name" htmlFor={`tenant-name-${tenant.id}`} error={form.fieldErrors.name}>
            <Input name="name" defaultValue={tenant.name} />
          </Field>
          <div className="flex items-center gap-2">
            <Checkbox id={`tenant-disabled-${tenant.id}`} name="disabled" defaultChecked={tenant.disabled} />
            <Label htmlFor={`tenant-disabled-${tenant.id}`}>Disabled (members cannot open it; schedules stop)</Label>
          </div>
          <DialogFooter>
            <Button type="submit" disabled={form.isPending}>
              {form.isPending ? 'Saving…' : 'Save'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
