import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import type { ParameterView } from '@/lib/scripts/parameters'

/** One declared parameter as a run's input: typed control, declared default pre-filled. */
export function ParameterField({
  parameter: p,
  name,
  error,
  id = `run-param-${p.name}`,
}: {
  parameter: ParameterView
  name: string
  error?: string[]
  /** Unique on the page: a form with several steps may declare the same name twice. */
  id?: string
}) {
  const description =
    p.type === 'secret'
      ? p.secretIsSet
        ? `${p.description ? `${p.description} ` : ''}Leave empty to use the stored value.`
        : p.description
      : p.description
  return (
    <Field label={p.name} htmlFor={id} error={error} description={description || undefined} required={p.required}>
      {p.type === 'choice' ? (
        <NativeSelect name={name} defaultValue={p.default ?? ''}>
          {!p.required && <option value="">—</option>}
          {p.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </NativeSelect>
      ) : (
        <Input
          name={name}
          type={p.type === 'secret' ? 'password' : 'text'}
          inputMode={p.type === 'number' ? 'decimal' : undefined}
          autoComplete="off"
          defaultValue={p.type === 'secret' ? '' : (p.default ?? '')}
          placeholder={p.type === 'secret' && p.secretIsSet ? '******' : undefined}
        />
      )}
    </Field>
  )
}
