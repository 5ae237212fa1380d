'use client'
import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { FormError } from '@/components/forms/form-error'
import { useFormAction } from '@/components/forms/use-form-action'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { createProxyAction, updateProxyAction } from '@/lib/targets/proxy-actions'
import type { ProxyRow } from '@/lib/targets/proxy-queries'
import type { CredentialType } from '@/lib/targets/schema'
import { AddressFields } from './address-fields'
import { CredentialFields } from './credential-fields'

export function ProxyForm({
  tenant,
  proxy,
  proxies,
}: {
  tenant: string
  proxy?: ProxyRow
  /** Proxies this one may sit behind. */
  proxies: { id: string; name: string }[]
}) {
  const router = useRouter()
  const onSuccess = (data: { id: string } | undefined) => {
    toast.success(proxy ? 'Proxy saved' : 'Proxy created')
    if (data) router.push(`/${tenant}/proxies/${data.id}`)
  }
  const create = useFormAction(createProxyAction, { extra: { tenant }, onSuccess })
  const update = useFormAction(updateProxyAction, { extra: { tenant, id: proxy?.id }, onSuccess })
  const form = proxy ? update : create
  const e = form.fieldErrors
  return (
    <form onSubmit={form.onSubmit} className="grid max-w-3xl gap-4" noValidate>
      <FormError message={form.formError} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field label="Name" htmlFor="name" error={e.name}>
          <Input name="name" defaultValue={proxy?.name} autoFocus={!proxy} />
        </Field>
        <Field
          label="Behind proxy"
          htmlFor="viaProxyId"
          error={e.viaProxyId}
          description="For chains: the jump host in front of this one."
        >
          <NativeSelect name="viaProxyId" defaultValue={proxy?.viaProxyId ?? ''}>
            <option value="">Direct connection</option>
            {proxies
              .filter((p) => p.id !== proxy?.id)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </NativeSelect>
        </Field>
        <AddressFields endpoint={proxy} errors={e} />
      </div>
      <fieldset className="grid gap-4 rounded-lg border p-4">
        <legend className="px-1 text-sm font-medium">Credential</legend>
        <CredentialFields
          initialType={(proxy?.credentialType as CredentialType) ?? 'platform_key'}
          storedType={proxy?.credentialType}
          errors={e}
        />
      </fieldset>
      <div>
        <Button type="submit" disabled={form.isPending}>
          {form.isPending ? 'Saving…' : proxy ? 'Save proxy' : 'Create proxy'}
        </Button>
      </div>
    </form>
  )
}
