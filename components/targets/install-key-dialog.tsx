'use client'
import { KeyRoundIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormDialog } from '@/components/forms/form-dialog'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
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
    <FormDialog
      form={form}
      dialog={dialog}
      title="Install the platform key"
      description={
        <>
          Fanout signs in once as {username} with this password and adds the tenant&apos;s public key to
          ~/.ssh/authorized_keys. The password is not stored.
        </>
      }
      submit="Install key"
      pending="Installing…"
      trigger={
        <Button variant="outline" size="sm">
          <KeyRoundIcon aria-hidden /> Install key with password
        </Button>
      }
    >
      <Field label="SSH password" htmlFor="install-password" error={form.fieldErrors.password}>
        <Input name="password" type="password" autoComplete="off" autoFocus />
      </Field>
    </FormDialog>
  )
}
