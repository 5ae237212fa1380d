'use client'
import { Trash2Icon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { toast } from 'sonner'
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import { deleteDangerRuleAction } from '@/lib/danger-rules/actions'
import type { RuleRow } from '@/lib/danger-rules/queries'

export function DeleteRuleButton({ tenant, rule }: { tenant: string; rule: RuleRow }) {
  const remove = useAction(deleteDangerRuleAction, {
    onSuccess: () => toast.success('Rule deleted'),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not delete the rule.'),
  })
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Delete rule: ${rule.description}`}>
          <Trash2Icon aria-hidden /> Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete this rule?</AlertDialogTitle>
          <AlertDialogDescription>
            “{rule.description}” stops applying to saves and runs. A deleted default rule does not come back; disable it
            instead if you may want it again.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={() => remove.execute({ tenant, ruleId: rule.id })}>
            Delete
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
