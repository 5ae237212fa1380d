'use client'
import { useRouter } from 'next/navigation'
import { useAction } from 'next-safe-action/hooks'
import { type ChangeEvent, useEffect, useRef, useState } from 'react'
import { toast } from 'sonner'
import { FormError } from '@/components/forms/form-error'
import { useFormAction } from '@/components/forms/use-form-action'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { Textarea } from '@/components/ui/textarea'
import { commitImportAction, previewImportAction } from '@/lib/targets/import/actions'
import { formatOfFileName } from '@/lib/targets/import/detect'
import { formatLabels, type ImportFormat, type ImportPreview, importFormats } from '@/lib/targets/import/types'
import { PreviewTable } from './preview-table'

type Choice = 'skip' | 'update'
type Values = { format: 'auto' | ImportFormat; text: string; existing: Choice; defaultUser: string }

// Next's default limit for a server action's request body is 1 MB.
const MAX_FILE_BYTES = 1_000_000

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function ImportForm({ tenant }: { tenant: string }) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState<Values>({ format: 'auto', text: '', existing: 'skip', defaultUser: '' })
  const [fileError, setFileError] = useState<string | null>(null)
  const [preview, setPreview] = useState<{ values: Values; data: ImportPreview } | null>(null)
  const sent = useRef(values)

  const previewForm = useFormAction(previewImportAction, {
    extra: { tenant },
    onSuccess: (data) => data && setPreview({ values: sent.current, data }),
  })
  const commit = useAction(commitImportAction, {
    onSuccess({ data }) {
      if (!data) return
      const skipped = data.skipped ? `, ${data.skipped} skipped` : ''
      toast.success(
        `Imported ${plural(data.created + data.updated, 'target')}: ${data.created} created, ${data.updated} updated${skipped}`,
      )
      router.push(`/${tenant}/targets`)
    },
  })

  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }))
  const stale = preview !== null && JSON.stringify(preview.values) !== JSON.stringify(values)

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    setFileError(null)
    if (!file) return
    if (file.size > MAX_FILE_BYTES) return setFileError('That file is larger than 1 MB: split it into several imports.')
    const format = formatOfFileName(file.name)
    set({ text: await file.text(), ...(format ? { format } : {}) })
  }

  // The existing-targets choice changes what the preview says: preview again at once (after
  // the render, so the form submits the new choice).
  const previewedChoice = preview?.values.existing
  useEffect(() => {
    if (previewedChoice && previewedChoice !== values.existing) formRef.current?.requestSubmit()
  }, [previewedChoice, values.existing])

  const e = previewForm.fieldErrors
  const counts = preview?.data.counts
  const importing = counts ? counts.create + counts.update : 0
  const blocked = !preview || preview.data.errors.length > 0 || importing === 0 || stale

  return (
    <div className="grid content-start gap-6">
      <form
        ref={formRef}
        onSubmit={(event) => {
          sent.current = values
          commit.reset()
          previewForm.onSubmit(event)
        }}
        className="grid gap-4"
        noValidate
      >
        <FormError message={previewForm.formError} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Format" htmlFor="format" error={e.format}>
            <NativeSelect
              name="format"
              value={values.format}
              onChange={(ev) => set({ format: ev.target.value as Values['format'] })}
            >
              <option value="auto">Detect automatically</option>
              {importFormats.map((f) => (
                <option key={f} value={f}>
                  {formatLabels[f]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field label="Or read a file" htmlFor="file" error={fileError}>
            <Input type="file" accept=".csv,.ini,.cfg,.yml,.yaml,.txt,text/*" onChange={readFile} />
          </Field>
        </div>
        <Field
          label="Inventory"
          htmlFor="text"
          error={e.text}
          description="Paste CSV, an Ansible INI or YAML inventory."
        >
          <Textarea
            name="text"
            value={values.text}
            onChange={(ev) => set({ text: ev.target.value })}
            rows={14}
            spellCheck={false}
            autoCapitalize="off"
            className="max-h-[32rem] font-mono text-xs"
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Default SSH user"
            htmlFor="defaultUser"
            error={e.defaultUser}
            description="For new targets whose line names no user (ansible_user or the user column)."
          >
            <Input
              name="defaultUser"
              value={values.defaultUser}
              onChange={(ev) => set({ defaultUser: ev.target.value })}
              spellCheck={false}
              autoCapitalize="off"
            />
          </Field>
          <fieldset className="grid content-start gap-2">
            <legend className="mb-2 text-sm font-medium">Targets that already exist</legend>
            {(
              [
                ['skip', 'Skip existing targets'],
                ['update', 'Update existing targets'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="existing"
                  value={value}
                  checked={values.existing === value}
                  onChange={() => set({ existing: value })}
                  className="size-4 accent-primary"
                />
                {label}
              </label>
            ))}
          </fieldset>
        </div>
        <div>
          <Button type="submit" variant={preview && !stale ? 'outline' : 'default'} disabled={previewForm.isPending}>
            {previewForm.isPending ? 'Reading…' : 'Preview'}
          </Button>
        </div>
      </form>

      {preview && counts && (
        <section aria-labelledby="preview-heading" className="grid gap-4">
          <div className="grid gap-1">
            <h2 id="preview-heading" className="text-lg font-semibold">
              Preview
            </h2>
            <p className="text-sm text-muted-foreground" role="status">
              Read as {formatLabels[preview.data.format]}: {counts.create} to create · {counts.update} to update ·{' '}
              {counts.skip} to skip · {plural(preview.data.errors.length, 'error')}
            </p>
          </div>
          {preview.data.errors.length > 0 && (
            <ul
              aria-label="Errors"
              className="grid gap-1 rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm text-destructive"
            >
              {preview.data.errors.map((err, i) => (
                <li key={i}>
                  <span className="font-medium">Line {err.line}:</span> {err.message}
                </li>
              ))}
            </ul>
          )}
          {preview.data.rows.length > 0 && <PreviewTable rows={preview.data.rows} />}
          <FormError message={commit.result.serverError} />
          {stale && (
            <p className="text-sm text-muted-foreground">
              The form changed since this preview: preview again to import.
            </p>
          )}
          {!stale && preview.data.errors.length > 0 && (
            <p className="text-sm text-muted-foreground">
              Fix the errors above, then preview again: nothing is imported while any remain.
            </p>
          )}
          <div>
            <Button
              type="button"
              disabled={blocked || commit.isPending}
              onClick={() => commit.execute({ tenant, ...preview.values })}
            >
              {commit.isPending ? 'Importing…' : `Import ${plural(importing, 'target')}`}
            </Button>
          </div>
        </section>
      )}
    </div>
  )
}
