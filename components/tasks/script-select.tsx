'use client'
import { useEffect, useState } from 'react'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { findStepScriptsAction } from '@/lib/tasks/form-data-actions'
import type { ScriptChoice } from './task-form-state'

const SEARCH_DEBOUNCE_MS = 200

/**
 * A script step's script: the server searches by name (the first 50 matches), so a tenant
 * with many scripts still gets a short list; the chosen script stays listed whatever the search.
 */
export function ScriptSelect({
  tenant,
  id,
  value,
  onChange,
  error,
}: {
  tenant: string
  /** The select's id; the search box's is derived from it. */
  id: string
  value: ScriptChoice | null
  onChange: (script: ScriptChoice | null) => void
  error?: string[] | string
}) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<ScriptChoice[]>([])

  useEffect(() => {
    let current = true
    const timer = setTimeout(async () => {
      const result = await findStepScriptsAction({ tenant, q })
      if (current) setFound(result?.data ?? [])
    }, SEARCH_DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [tenant, q])

  const choices = value && !found.some((s) => s.id === value.id) ? [value, ...found] : found
  return (
    <div className="grid gap-2 sm:grid-cols-[12rem_minmax(0,1fr)] sm:items-end">
      <Input
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Find a script…"
        aria-label="Find a script"
        aria-controls={id}
      />
      <Field label="Script" htmlFor={id} error={error}>
        <NativeSelect
          value={value?.id ?? ''}
          onChange={(e) => onChange(choices.find((s) => s.id === e.target.value) ?? null)}
        >
          <option value="">Choose a script…</option>
          {choices.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </NativeSelect>
      </Field>
    </div>
  )
}
