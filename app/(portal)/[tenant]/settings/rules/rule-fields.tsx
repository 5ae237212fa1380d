'use client'
import { Checkbox } from '@/components/ui/checkbox'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { dangerActions } from '@/lib/danger-rules/check'
import { dangerActionLabels } from '@/lib/danger-rules/schema'

type Errors = Record<string, string[] | undefined>

/** The fields of a rule, for the add and edit dialogs. `prefix` keeps ids unique per dialog. */
export function RuleFields({
  prefix,
  errors,
  rule,
}: {
  prefix: string
  errors: Errors
  rule?: { pattern: string; action: string; description: string; enabled: boolean }
}) {
  return (
    <>
      <Field
        label="Pattern"
        htmlFor={`${prefix}-pattern`}
        error={errors.pattern}
        description="A JavaScript regular expression, matched against each line of a script."
      >
        <Input
          name="pattern"
          defaultValue={rule?.pattern}
          className="font-mono"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
      </Field>
      <Field label="When it matches" htmlFor={`${prefix}-action`} error={errors.action}>
        <NativeSelect name="action" defaultValue={rule?.action ?? 'warn'}>
          {dangerActions.map((a) => (
            <option key={a} value={a}>
              {a === 'block'
                ? `${dangerActionLabels[a]}: refuse to save or run`
                : `${dangerActionLabels[a]}: ask to confirm`}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field label="Description" htmlFor={`${prefix}-description`} error={errors.description}>
        <Input name="description" defaultValue={rule?.description} autoComplete="off" />
      </Field>
      <div className="flex items-center gap-2">
        <Checkbox id={`${prefix}-enabled`} name="enabled" defaultChecked={rule?.enabled ?? true} />
        <Label htmlFor={`${prefix}-enabled`}>Enabled</Label>
      </div>
    </>
  )
}
