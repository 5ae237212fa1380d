'use client'
import { ListChecksIcon } from 'lucide-react'
import { type MouseEvent, useState } from 'react'
import { FormError } from '@/components/forms/form-error'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import type { Preflight } from '@/lib/runs/preflight'
import { PreflightReport } from './preflight-report'

type CheckResult = { data?: Preflight; serverError?: string; validationErrors?: unknown } | undefined

function validationMessage(errors: unknown) {
  const flat = errors as { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> }
  const first = flat.formErrors?.[0] ?? Object.values(flat.fieldErrors ?? {}).find((e) => e?.length)?.[0]
  return first ? `Fix the form first: ${first}` : 'Fix the form’s fields first.'
}

/**
 * "Check": the dry run of what the surrounding run form would start (PRODUCT.md §3a). It
 * checks the form's current values, executes nothing, and shows the result in its own dialog.
 */
export function PreflightButton({ check }: { check: (form: HTMLFormElement) => Promise<CheckResult> }) {
  const [open, setOpen] = useState(false)
  const [pending, setPending] = useState(false)
  const [preflight, setPreflight] = useState<Preflight | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function onClick(event: MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form
    if (!form) return
    setOpen(true)
    setPending(true)
    setPreflight(null)
    setError(null)
    try {
      const result = await check(form)
      if (result?.data) setPreflight(result.data)
      else if (result?.validationErrors) setError(validationMessage(result.validationErrors))
      else setError(result?.serverError ?? 'The check could not be run.')
    } finally {
      setPending(false)
    }
  }

  return (
    <>
      <Button type="button" variant="outline" onClick={onClick} disabled={pending}>
        <ListChecksIcon aria-hidden /> {pending ? 'Checking…' : 'Check'}
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-3xl">
          <DialogHeader>
            <DialogTitle>{preflight ? `Check: ${preflight.name}` : 'Check'}</DialogTitle>
            <DialogDescription>
              Resolves the targets, connects to each through its proxies and closes the connection, and applies the
              dangerous-command rules. Nothing runs on any host and nothing is stored.
            </DialogDescription>
          </DialogHeader>
          {pending && <p className="text-sm text-muted-foreground">Connecting to the targets…</p>}
          <FormError message={error} />
          {preflight && <PreflightReport preflight={preflight} />}
        </DialogContent>
      </Dialog>
    </>
  )
}
