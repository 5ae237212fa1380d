'use client'
import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { FormError } from '@/components/forms/form-error'
import { useFormAction } from '@/components/forms/use-form-action'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { Textarea } from '@/components/ui/textarea'
import { createTargetAction, updateTargetAction } from '@/lib/targets/actions'
import type { TargetRow } from '@/lib/targets/queries'
import { type CredentialType, encodings } from '@/lib/targets/schema'
import { AddressFields } from './address-fields'
import { CredentialFields } from './credential-fields'

export function TargetForm({
  tenant,
  target,
  proxies,
}: {
  tenant: string
  target?: TargetRow
  proxies: { id: string; name: string }[]
}) {
  const router = useRouter()
  const onSuccess = (data: { id: string } | undefined) => {
    toast.success(target ? 'Target saved' : 'Target created')
    if (data) router.push(`/${tenant}/targets/${data.id}`)
  }
  const create = useFormAction(createTargetAction, { extra: { tenant }, onSuccess })
  const update = useFormAction(updateTargetAction, { extra: { tenant, id: target?.id }, onSuccess })
  const form = target ? update : create
  const e = form.fieldErrors
  return (
    <form onSubmit={form.onSubmit} className="grid max-w-3xl gap-4" noValidate>
      <FormError message={form.formError} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field label="Name" htmlFor="name" error={e.name}>
          <Input name="name" defaultValue={target?.name} autoFocus={!target} />
        </Field>
        <Field
          label="Labels"
          htmlFor="labels"
          error={e.labels}
          description="Separated by spaces or commas, e.g. web prod."
        >
          <Input name="labels" defaultValue={target?.labels.join(' ')} />
        </Field>
        <AddressFields endpoint={target} errors={e} />
        <Field label="Through proxy" htmlFor="proxyId" error={e.proxyId}>
          <NativeSelect name="proxyId" defaultValue={target?.proxyId ?? ''}>
            <option value="">Direct connection</option>
            {proxies.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <fieldset className="grid gap-4 rounded-lg border p-4">
        <legend className="px-1 text-sm font-medium">Credential</legend>
        <CredentialFields
          initialType={(target?.credentialType as CredentialType) ?? 'platform_key'}
          storedType={target?.credentialType}
          errors={e}
        />
      </fieldset>
      <div className="grid items-start gap-4 sm:grid-cols-3">
        <Field label="Resource pool" htmlFor="resourcePool" error={e.resourcePool}>
          <Input name="resourcePool" defaultValue={target?.resourcePool ?? ''} />
        </Field>
        <Field label="Region" htmlFor="region" error={e.region}>
          <Input name="region" defaultValue={target?.region ?? ''} />
        </Field>
        <Field label="Output encoding" htmlFor="encoding" error={e.encoding}>
          <NativeSelect name="encoding" defaultValue={target?.encoding ?? 'utf-8'}>
            {encodings.map((enc) => (
              <option key={enc} value={enc}>
                {enc}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <Field label="Description" htmlFor="description" error={e.description}>
        <Textarea name="description" rows={2} defaultValue={target?.description} />
      </Field>
      <div>
        <Button type="submit" disabled={form.isPending}>
          {form.isPending ? 'Saving…' : target ? 'Save target' : 'Create target'}
        </Button>
      </div>
    </form>
  )
}
