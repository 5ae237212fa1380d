'use client'
import { useEffect, useState } from 'react'
import { Field } from '@/components/ui/field'
import { NativeSelect } from '@/components/ui/native-select'
import { stepAccountChoicesAction } from '@/lib/tasks/form-data-actions'

type Account = { name: string; description: string }

/** A script step's "Run as": the login user, or one of the tenant's execution accounts. */
export function RunAsSelect({
  tenant,
  id,
  value,
  onChange,
  error,
}: {
  tenant: string
  id: string
  value: string | null
  onChange: (account: string | null) => void
  error?: string[]
}) {
  const [accounts, setAccounts] = useState<Account[] | null>(null)
  useEffect(() => {
    let live = true
    void stepAccountChoicesAction({ tenant }).then((r) => live && setAccounts(r?.data ?? []))
    return () => {
      live = false
    }
  }, [tenant])
  // The stored choice stays selectable while the list loads.
  const shown = accounts ?? (value ? [{ name: value, description: '' }] : [])
  return (
    <Field
      label="Run as"
      htmlFor={id}
      error={error}
      description={
        accounts?.length === 0
          ? 'No execution accounts yet: add them in Settings → Execution accounts.'
          : 'Runs the script via sudo -n -u ACCOUNT: the login user needs a NOPASSWD sudoers entry.'
      }
    >
      <NativeSelect value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">(login user)</option>
        {shown.map((a) => (
          <option key={a.name} value={a.name}>
            {a.description ? `${a.name} — ${a.description}` : a.name}
          </option>
        ))}
      </NativeSelect>
    </Field>
  )
}
