'use client'
import { KeyRoundIcon, PlusIcon } from 'lucide-react'
import { useState } from 'react'
import { FormError } from '@/components/forms/form-error'
import { useFormAction } from '@/components/forms/use-form-action'
import { Button } from '@/components/ui/button'
import { CopyButton } from '@/components/ui/copy-button'
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { tokenScopeLabels, tokenScopes } from '@/lib/api/v1/token-fields'
import { createApiTokenAction } from './actions'

/**
 * Creates a token, then shows its secret in the same dialog: the only time it can be seen.
 * Closing the dialog forgets it.
 */
export function CreateTokenDialog({ tenant }: { tenant: string }) {
  const [open, setOpen] = useState(false)
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null)
  const form = useFormAction(createApiTokenAction, {
    extra: { tenant },
    onSuccess: (data) => setCreated(data ?? null),
  })
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    setCreated(null)
    form.reset()
  }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden /> Create token
        </Button>
      </DialogTrigger>
      <DialogContent>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Token “{created.name}” created</DialogTitle>
              <DialogDescription>
                Copy it now and keep it somewhere safe: it is not shown again. Fanout keeps only its hash.
              </DialogDescription>
            </DialogHeader>
            <div className="grid gap-2">
              <div className="flex items-center justify-between gap-2">
                <span className="flex items-center gap-2 text-sm font-medium">
                  <KeyRoundIcon aria-hidden className="size-4" /> Secret
                </span>
                <CopyButton text={created.secret} label="Copy token" />
              </div>
              <pre
                data-testid="token-secret"
                className="overflow-x-auto rounded-md border bg-muted/40 p-3 text-xs break-all whitespace-pre-wrap"
              >
                {created.secret}
              </pre>
            </div>
            <DialogFooter>
              <DialogClose asChild>
                <Button>Done</Button>
              </DialogClose>
            </DialogFooter>
          </>
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>Create an API token</DialogTitle>
              <DialogDescription>
                It acts as this tenant for whatever holds it, until it expires or is revoked.
              </DialogDescription>
            </DialogHeader>
            <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
              <FormError message={form.formError} />
              <Field
                label="Name"
                htmlFor="new-token-name"
                error={form.fieldErrors.name}
                description="E.g. “CI deploys”."
              >
                <Input name="name" autoComplete="off" />
              </Field>
              <Field label="Scope" htmlFor="new-token-scope" error={form.fieldErrors.scope}>
                <NativeSelect name="scope" defaultValue="read">
                  {tokenScopes.map((s) => (
                    <option key={s} value={s}>
                      {tokenScopeLabels[s]}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              <Field
                label="Expires"
                htmlFor="new-token-expires"
                error={form.fieldErrors.expiresOn}
                description="The token stops working at the end of this day (UTC). Leave empty for no expiry."
              >
                <Input name="expiresOn" type="date" />
              </Field>
              <DialogFooter>
                <Button type="submit" disabled={form.isPending}>
                  {form.isPending ? 'Creating…' : 'Create token'}
                </Button>
              </DialogFooter>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  )
}
