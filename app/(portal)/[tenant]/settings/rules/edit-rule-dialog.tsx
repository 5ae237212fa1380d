'use client'
import { PencilIcon } from 'lucide-react'
import { toast } from 'sonner'
import { FormDialog } from '@/components/forms/form-dialog'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { Button } from '@/components/ui/button'
import { updateDangerRuleAction } from '@/lib/danger-rules/actions'
import type { RuleRow } from '@/lib/danger-rules/queries'
import { RuleFields } from './rule-fields'

export function EditRuleDialog({ tenant, rule }: { tenant: string; rule: RuleRow }) {
  const { form, dialog } = useDialogForm(updateDangerRuleAction, {
    extra: { tenant, ruleId: rule.id },
    onSuccess: () => toast.success('Rule saved'),
  })
  return (
    <FormDialog
      form={form}
      dialog={dialog}
      title="Edit rule"
      description="Changes apply to the next save or run of every script in this tenant."
      submit="Save"
      pending="Saving…"
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Edit rule: ${rule.description}`}>
          <PencilIcon aria-hidden /> Edit
        </Button>
      }
    >
      <RuleFields prefix={`rule-${rule.id}`} errors={form.fieldErrors} rule={rule} />
    </FormDialog>
  )
}
