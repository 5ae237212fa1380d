'use client'
import { PencilIcon } from 'lucide-react'
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
import { updateDangerRuleAction } from '@/lib/danger-rules/actions'
import type { RuleRow } from '@/lib/danger-rules/queries'
import { RuleFields } from './rule-fields'

export function EditRuleDialog({ tenant, rule }: { tenant: string; rule: RuleRow }) {
  const { form, dialog } = useDialogForm(updateDangerRuleAction, {
    extra: { tenant, ruleId: rule.id },
    onSuccess: () => toast.success('Rule saved'),
  })
  return (
    <Dialog {...dialog}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Edit rule: ${rule.description}`}>
          <PencilIcon aria-hidden /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit rule</DialogTitle>
          <DialogDescription>Changes apply to the next save or run of every script in this tenant.</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
          <FormError message={form.formError} />
          <RuleFields prefix={`rule-${rule.id}`} errors={form.fieldErrors} rule={rule} />
          <DialogFooter>
            <Button type="submit" disabled={form.isPending}>
              {form.isPending ? 'Saving…' : 'Save'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
