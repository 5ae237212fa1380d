'use client'
import { PlusIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormDialog } from '@/components/forms/form-dialog'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
import { createDangerRuleAction } from '@/lib/danger-rules/actions'
import { RuleFields } from './rule-fields'

export function AddRuleDialog({ tenant }: { tenant: string }) {
  const { form, dialog } = useDialogForm(createDangerRuleAction, {
    extra: { tenant },
    onSuccess: () => toast.success('Rule added'),
  })
  return (
    <FormDialog
      form={form}
      dialog={dialog}
      title="Add a rule"
      description="Scripts are checked against every enabled rule when saved, and again when run."
      submit="Add rule"
      pending="Adding…"
      trigger={
        <Button>
          <PlusIcon aria-hidden /> Add rule
        </Button>
      }
    >
      <RuleFields prefix="new-rule" errors={form.fieldErrors} />
    </FormDialog>
  )
}
