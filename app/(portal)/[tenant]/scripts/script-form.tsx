'use client'
import type { FormEvent, ReactNode } from 'react'
import { CodeEditor } from '@/components/code-editor/code-editor'
import { FormError } from '@/components/forms/form-error'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { Textarea } from '@/components/ui/textarea'
import { languageLabels, scriptLanguages, type ScriptLanguage } from '@/lib/scripts/languages'
import { DangerWarningsDialog } from './danger-warnings-dialog'
import { ParametersEditor } from './parameters-editor'
import type { ScriptFormInitial, ScriptFormState } from './use-script-form'

export interface FormBinding {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void
  fieldErrors: Record<string, string[] | undefined>
  formError?: string
  isPending: boolean
}

/** The script editor: fields and Monaco on the left, parameters beside it. Shared by create and edit. */
export function ScriptForm({
  initial,
  state,
  form,
  submitLabel,
  actions,
}: {
  initial: ScriptFormInitial
  state: ScriptFormState
  form: FormBinding
  submitLabel: string
  /** More buttons beside Save. */
  actions?: ReactNode
}) {
  const errors = form.fieldErrors
  return (
    <form
      ref={state.formRef}
      onSubmit={form.onSubmit}
      onChange={state.touch}
      noValidate
      aria-label="Script"
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]"
    >
      <div className="grid min-w-0 content-start gap-4">
        <FormError message={form.formError} />
        <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
          <Field label="Name" htmlFor="script-name" error={errors.name}>
            <Input name="name" defaultValue={initial.name} autoComplete="off" />
          </Field>
          <Field label="Language" htmlFor="script-language" error={errors.language}>
            <NativeSelect
              name="language"
              value={state.language}
              onChange={(e) => state.setLanguage(e.target.value as ScriptLanguage)}
            >
              {scriptLanguages.map((l) => (
                <option key={l} value={l}>
                  {languageLabels[l]}
                </option>
              ))}
            </NativeSelect>
          </Field>
        </div>
        <Field label="Description" htmlFor="script-description" error={errors.description}>
          <Textarea name="description" defaultValue={initial.description} rows={2} className="min-h-0" />
        </Field>
        <Field label="Content" htmlFor="script-content" error={errors.content}>
          <CodeEditor
            name="content"
            value={state.content}
            onChange={state.setContent}
            language={state.language}
            ariaLabel="Script content"
            height="60vh"
          />
        </Field>
        <Field
          label="Version message"
          htmlFor="script-message"
          error={errors.message}
          description="Optional. Kept with the new version when the content or parameters changed."
        >
          <Input name="message" autoComplete="off" placeholder="What changed and why" />
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={form.isPending}>
            {form.isPending ? 'Saving…' : submitLabel}
          </Button>
          {actions}
          {state.dirty && (
            <span role="status" className="text-sm text-muted-foreground">
              Unsaved changes
            </span>
          )}
        </div>
      </div>
      <ParametersEditor rows={state.rows} errors={errors} onChange={state.setRows} />
      <DangerWarningsDialog
        warnings={state.warnings}
        onConfirm={state.confirmWarnings}
        onCancel={state.cancelWarnings}
      />
    </form>
  )
}
