'use client'
import { BanIcon } from 'lucide-react'
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
import type { ApiTokenRow } from '@/lib/api/tokens'
import { revokeApiTokenAction } from './actions'

export function RevokeTokenButton({ tenant, token }: { tenant: string; token: ApiTokenRow }) {
  const revoke = useAction(revokeApiTokenAction, {
    onSuccess: () => toast.success(`Token “${token.name}” revoked`),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not revoke the token.'),
  })
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Revoke token ${token.name}`} disabled={revoke.isPending}>
          <BanIcon aria-hidden /> Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Revoke “{token.name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            Every request with this token is refused from now on. This cannot be undone: whatever uses it needs a new
            token.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={() => revoke.execute({ tenant, tokenId: token.id })}>
            Revoke token
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
