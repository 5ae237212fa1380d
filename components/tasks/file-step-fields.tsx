'use client'
import { XIcon } from 'lucide-react'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { formatBytes } from '@/lib/files/size'
import type { FileStepState, UploadedFile } from './task-form-state'
import type { TaskFormState } from './use-task-form'

type Errors = Record<string, string[] | undefined>

/** Sends one file to the upload route (server actions stop at 1 MB; files go up to 50 MiB). */
async function upload(tenant: string, file: File): Promise<UploadedFile> {
  const body = new FormData()
  body.set('file', file)
  const response = await fetch(`/api/tenants/${encodeURIComponent(tenant)}/files`, { method: 'POST', body })
  const answer = (await response.json().catch(() => ({}))) as Partial<UploadedFile> & { error?: string }
  if (!response.ok || !answer.id) throw new Error(answer.error ?? `The upload failed (HTTP ${response.status}).`)
  return { id: answer.id, name: answer.name ?? file.name, size: answer.size ?? file.size }
}

/** A file step: files uploaded now, copied over SFTP to a directory on every target with a mode. */
export function FileStepFields({
  form,
  step,
  index,
  errors,
}: {
  form: TaskFormState
  step: FileStepState
  index: number
  errors: Errors
}) {
  const [uploading, setUploading] = useState<string | null>(null)
  const [uploadError, setUploadError] = useState<string | null>(null)
  const id = (field: string) => `step-${step.key}-${field}`
  const error = (field: string) => errors[`steps.${index}.${field}`]
  const patch = (next: Partial<FileStepState>) => form.patchStep(step.key, (s) => ({ ...s, ...next }) as FileStepState)

  async function addFiles(input: HTMLInputElement) {
    const chosen = Array.from(input.files ?? [])
    setUploadError(null)
    for (const file of chosen) {
      setUploading(file.name)
      try {
        const stored = await upload(form.tenant, file)
        form.patchStep(step.key, (s) => ({ ...s, files: [...(s as FileStepState).files, stored] }) as FileStepState)
      } catch (e) {
        setUploadError(`${file.name}: ${e instanceof Error ? e.message : String(e)}`)
        break
      }
    }
    setUploading(null)
    input.value = ''
  }

  return (
    <div className="grid gap-4">
      <Field
        label="Files"
        htmlFor={id('files')}
        error={uploadError ?? error('fileIds')}
        description={uploading ? `Uploading ${uploading}…` : 'Up to 50 MiB each.'}
      >
        <Input type="file" multiple disabled={uploading !== null} onChange={(e) => void addFiles(e.currentTarget)} />
      </Field>
      {step.files.length > 0 && (
        <ul className="grid gap-1" aria-label={`Files of step ${index + 1}`}>
          {step.files.map((f, i) => (
            <li key={`${f.id}-${i}`} className="flex items-center gap-3 rounded-md border px-3 py-1.5 text-sm">
              <span className="font-medium">{f.name}</span>
              <span className="text-muted-foreground tabular-nums">{formatBytes(f.size)}</span>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                className="ml-auto size-7"
                aria-label={`Remove ${f.name}`}
                onClick={() => patch({ files: step.files.filter((_, j) => j !== i) })}
              >
                <XIcon aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="grid items-start gap-4 sm:grid-cols-[minmax(0,1fr)_8rem]">
        <Field
          label="Directory on the targets"
          htmlFor={id('dir')}
          error={error('remoteDir')}
          description="It must exist. A relative path starts in the login user’s home directory."
        >
          <Input
            value={step.remoteDir}
            onChange={(e) => patch({ remoteDir: e.target.value })}
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            placeholder="/opt/app/conf"
          />
        </Field>
        <Field label="Mode" htmlFor={id('mode')} error={error('mode')}>
          <Input
            value={step.mode}
            onChange={(e) => patch({ mode: e.target.value })}
            className="font-mono"
            autoComplete="off"
            inputMode="numeric"
          />
        </Field>
      </div>
    </div>
  )
}
