'use client'
import { KeyRoundIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormError } from '@/components/forms/form-error'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { installPlatformKeyAction } from '@/lib/targets/actions'

/** Installs the tenant's platform key on a target with its SSH password, used once. */
export function InstallKeyDialog({ tenant, id, username }: { tenant: string; id: string; username: string }) {
  const { form, dialog } = useDialogForm(installPlatformKeyAction, {
    extra: { tenant, id },
    onSuccess: (data) =>
      toast.success(data?.installed ? 'Platform key installed' : 'The platform key was already installed'),
  })
  return (
    <Dialog {...dialog}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <KeyRoundIcon aria-hidden /> Install key with password
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Install the platform key</DialogTitle>
          <DialogDescription>
            Fanout signs in once as {username} with this password and adds the tenant&apos;s public key to
            ~/.ssh/authorized_keys. The password is not stored.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
          <FormError message={form.formError} />
          <Field label="SSH password" htmlFor="install-password" error={form.fieldErrors.password}>
            <Input name="password" type="password" autoComplete="off" autoFocus />
          </Field>
          <DialogFooter>
            <Button type="submit" disabled={form.isPending}>
              {form.isPending ? 'Installing…' : 'Install key'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
