'use client'
import { Building2Icon, XIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { createContext, use } from 'react'
import { toast } from 'sonner'
import { FormError } from '@/components/forms/form-error'
import { useFormAction } from '@/components/forms/use-form-action'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { NativeSelect } from '@/components/ui/native-select'
import { roleLabels, tenantRoles, type TenantRole } from '@/lib/auth/permissions'
import { removeMembershipAction, setMembershipAction } from '@/lib/users/actions'
import type { UserRow } from '@/lib/users/queries'

export interface TenantOption {
  id: string
  slug: string
  name: string
}

/** The tenants a membership can be added in, provided once by the users table. */
export const TenantOptions = createContext<TenantOption[]>([])

export function MembershipsDialog({ user }: { user: UserRow }) {
  const tenants = use(TenantOptions)
  const set = useFormAction(setMembershipAction, {
    extra: { userId: user.id },
    onSuccess: () => toast.success('Membership saved'),
  })
  const remove = useAction(removeMembershipAction, { onSuccess: () => toast.success('Membership removed') })
  const id = (field: string) => `membership-${field}-${user.id}`
  return (
    <Dialog onOpenChange={() => set.reset()}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Tenants of ${user.email}`}>
          <Building2Icon aria-hidden /> Tenants
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Tenants of {user.email}</DialogTitle>
          <DialogDescription>A role applies within one tenant; choosing a tenant again changes the role.</DialogDescription>
        </DialogHeader>
        <ul className="grid gap-2" aria-label="Memberships">
          {user.memberships.length === 0 && <li className="text-sm text-muted-foreground">No tenant yet.</li>}
          {user.memberships.map((m) => (
            <li key={m.tenant.id} className="flex items-center justify-between rounded-md border px-3 py-2 text-sm">
              <span>
                {m.tenant.name} — {roleLabels[m.role as TenantRole] ?? m.role}
              </span>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove from ${m.tenant.name}`}
                disabled={remove.isPending}
                onClick={() => remove.execute({ userId: user.id, tenantId: m.tenant.id })}
              >
                <XIcon aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
        <form onSubmit={set.onSubmit} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end" noValidate>
          <Field label="Tenant" htmlFor={id('tenant')} error={set.fieldErrors.tenantId}>
            <NativeSelect name="tenantId" defaultValue="">
              <option value="" disabled>
                Choose…
              </option>
              {tenants.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field label="Role" htmlFor={id('role')} error={set.fieldErrors.role}>
            <NativeSelect name="role" defaultValue="viewer">
              {tenantRoles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Button type="submit" disabled={set.isPending}>
            Add
          </Button>
          <div className="sm:col-span-3">
            <FormError message={set.formError ?? remove.result.serverError} />
          </div>
        </form>
      </DialogContent>
    </Dialog>
  )
}
