'use client'
import { UserMinusIcon } from 'lucide-react'
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
import { removeMemberAction } from '@/lib/members/actions'
import type { MemberRow } from '@/lib/members/queries'

export function RemoveMemberButton({ member, tenant }: { member: MemberRow; tenant: string }) {
  const remove = useAction(removeMemberAction, {
    onSuccess: () => toast.success(`${member.user.email} removed`),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not remove the member.'),
  })
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Remove ${member.user.email}`}>
          <UserMinusIcon aria-hidden /> Remove
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Remove {member.user.email}?</AlertDialogTitle>
          <AlertDialogDescription>
            They lose access to this tenant at once. Their account and their other tenants stay.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={() => remove.execute({ tenant, membershipId: member.id })}>Remove</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
