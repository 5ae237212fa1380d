'use client'
import { PlusIcon } from 'lucide-react'
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
import { createDangerRuleAction } from '@/lib/danger-rules/actions'
import { RuleFields } from './rule-fields'

export function AddRuleDialog({ tenant }: { tenant: string }) {
  const { form, dialog } = useDialogForm(createDangerRuleAction, {
    extra: { tenant },
    onSuccess: () => toast.success('Rule added'),
  })
  return (
    <Dialog {...dialog}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden /> Add rule
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add a rule</DialogTitle>
          <DialogDescription>
            Scripts are checked against every enabled rule when saved, and again when run.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
          <FormError message={form.formError} />
          <RuleFields prefix="new-rule" errors={form.fieldErrors} />
          <DialogFooter>
            <Button type="submit" disabled={form.isPending}>
              {form.isPending ? 'Adding…' : 'Add rule'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
