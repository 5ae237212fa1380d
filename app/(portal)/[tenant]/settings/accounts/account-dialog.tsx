'use client'
import { PencilIcon, PlusIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormDialog } from '@/components/forms/form-dialog'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { createAccountAction, updateAccountAction } from '@/lib/accounts/actions'
import type { AccountRow } from '@/lib/accounts/queries'

type Errors = Record<string, string[] | undefined>

function AccountFields({ prefix, errors, account }: { prefix: string; errors: Errors; account?: AccountRow }) {
  return (
    <>
      <Field
        label="User name"
        htmlFor={`${prefix}-name`}
        error={errors.name}
        description="The Unix user on the hosts, e.g. deploy."
      >
        <Input
          name="name"
          defaultValue={account?.name}
          className="font-mono"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
      </Field>
      <Field label="Description" htmlFor={`${prefix}-description`} error={errors.description}>
        <Input name="description" defaultValue={account?.description} autoComplete="off" />
      </Field>
    </>
  )
}

/** Adds an account, or with `account` edits it (a rename carries over to the steps that use it). */
export function AccountDialog({ tenant, account }: { tenant: string; account?: AccountRow }) {
  const { form, dialog } = useDialogForm(account ? updateAccountAction : createAccountAction, {
    extra: account ? { tenant, accountId: account.id } : { tenant },
    onSuccess: () => toast.success(account ? 'Account saved' : 'Account added'),
  })
  return (
    <FormDialog
      form={form}
      dialog={dialog}
      title={account ? `Edit ${account.name}` : 'Add an execution account'}
      description={
        account
          ? 'A new name applies to every task step that runs as this account.'
          : 'Script steps of tasks can then run as this user.'
      }
      submit={account ? 'Save' : 'Add account'}
      pending={account ? 'Saving…' : 'Adding…'}
      trigger={
        account ? (
          <Button variant="ghost" size="sm" aria-label={`Edit account ${account.name}`}>
            <PencilIcon aria-hidden /> Edit
          </Button>
        ) : (
          <Button>
            <PlusIcon aria-hidden /> Add account
          </Button>
        )
      }
    >
      <AccountFields
        prefix={account ? `account-${account.id}` : 'new-account'}
        errors={form.fieldErrors}
        account={account}
      />
    </FormDialog>
  )
}
