'use client'
import { PlusIcon } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { FormError } from '@/components/forms/form-error'
import { useFormAction } from '@/components/forms/use-form-action'
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
  const [open, setOpen] = useState(false)
  const form = useFormAction(createDangerRuleAction, {
    extra: { tenant },
    onSuccess() {
      setOpen(false)
      toast.success('Rule added')
    },
  })
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), form.reset())}>
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
