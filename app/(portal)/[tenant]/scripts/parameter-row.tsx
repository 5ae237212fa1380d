'use client'
import { Trash2Icon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { parameterTypeLabels, parameterTypes, type ParameterType } from '@/lib/scripts/parameters'
import { type ParameterRowState, splitOptions } from './parameter-rows'

type Errors = Record<string, string[] | undefined>

/** One parameter's fields. `errors` are keyed "parameters.<index>.<field>" (lib/scripts/validation-errors). */
export function ParameterRow({
  row,
  index,
  errors,
  onChange,
  onRemove,
}: {
  row: ParameterRowState
  index: number
  errors: Errors
  onChange: (patch: Partial<ParameterRowState>) => void
  onRemove: () => void
}) {
  const id = (field: string) => `param-${row.key}-${field}`
  const error = (field: string) => errors[`parameters.${index}.${field}`]
  const label = row.name || `parameter ${index + 1}`

  return (
    <li
      className="grid gap-3 rounded-lg border bg-card p-3"
      aria-label={`Parameter ${index + 1}${row.name ? `: ${row.name}` : ''}`}
    >
      <div className="grid grid-cols-[1fr_8rem_auto] items-start gap-2">
        <Field label="Name" htmlFor={id('name')} error={error('name')}>
          <Input
            value={row.name}
            onChange={(e) => onChange({ name: e.target.value })}
            className="font-mono"
            autoCapitalize="off"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field label="Type" htmlFor={id('type')} error={error('type')}>
          <NativeSelect value={row.type} onChange={(e) => onChange({ type: e.target.value as ParameterType })}>
            {parameterTypes.map((t) => (
              <option key={t} value={t}>
                {parameterTypeLabels[t]}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="mt-6"
          aria-label={`Remove ${label}`}
          onClick={onRemove}
        >
          <Trash2Icon aria-hidden />
        </Button>
      </div>
      {row.type === 'choice' && (
        <Field label="Options" htmlFor={id('options')} error={error('options')} description="Separated by commas.">
          <Input value={row.optionsText} onChange={(e) => onChange({ optionsText: e.target.value })} />
        </Field>
      )}
      <DefaultField row={row} id={id('default')} error={error('default')} onChange={onChange} />
      <Field label="Description" htmlFor={id('description')} error={error('description')}>
        <Input value={row.description} onChange={(e) => onChange({ description: e.target.value })} />
      </Field>
      <div className="flex items-center gap-2">
        <Checkbox
          id={id('required')}
          checked={row.required}
          onCheckedChange={(checked) => onChange({ required: checked === true })}
        />
        <Label htmlFor={id('required')} className="font-normal">
          Required
        </Label>
      </div>
    </li>
  )
}

function DefaultField({
  row,
  id,
  error,
  onChange,
}: {
  row: ParameterRowState
  id: string
  error?: string[]
  onChange: (patch: Partial<ParameterRowState>) => void
}) {
  if (row.type === 'secret' && row.keepStoredDefault) {
    // The stored value never comes back to the browser: it can only be replaced.
    return (
      <div className="grid gap-2">
        <span className="text-sm leading-none font-medium">Default</span>
        <div className="flex items-center gap-2 text-sm">
          <span className="text-muted-foreground">Set (encrypted)</span>
          <span aria-hidden className="text-muted-foreground">
            —
          </span>
          <Button
            type="button"
            variant="link"
            size="sm"
            className="h-auto p-0"
            onClick={() => onChange({ keepStoredDefault: false, default: '' })}
          >
            Replace
          </Button>
        </div>
      </div>
    )
  }
  if (row.type === 'choice') {
    const options = splitOptions(row.optionsText)
    return (
      <Field label="Default" htmlFor={id} error={error}>
        <NativeSelect value={row.default} onChange={(e) => onChange({ default: e.target.value })}>
          <option value="">No default</option>
          {/* Keeps a default that is no longer an option visible, so the error makes sense. */}
          {row.default && !options.includes(row.default) && <option value={row.default}>{row.default}</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </NativeSelect>
      </Field>
    )
  }
  const secret = row.type === 'secret'
  return (
    <Field
      label="Default"
      htmlFor={id}
      error={error}
      description={secret ? 'Stored encrypted; never shown again.' : undefined}
    >
      <Input
        value={row.default}
        onChange={(e) => onChange({ default: e.target.value })}
        type={secret ? 'password' : 'text'}
        inputMode={row.type === 'number' ? 'decimal' : undefined}
        autoComplete={secret ? 'new-password' : 'off'}
        placeholder={secret && row.originalName ? 'New value (empty: no default)' : undefined}
      />
    </Field>
  )
}
