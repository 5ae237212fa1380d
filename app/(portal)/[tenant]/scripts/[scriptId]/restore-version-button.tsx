'use client'
import { HistoryIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { toast } from 'sonner'
import { FormError } from '@/components/forms/form-error'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import type { DangerMatch } from '@/lib/danger-rules/check'
import { restoreScriptVersionAction } from '@/lib/scripts/actions'
import { DangerWarningsDialog } from '../danger-warnings-dialog'

/** Makes an old version the newest one again; history is never rewritten. */
export function RestoreVersionButton({
  tenant,
  scriptId,
  version,
  latestVersion,
}: {
  tenant: string
  scriptId: string
  version: number
  latestVersion: number
}) {
  const router = useRouter()
  const [open, setOpen] = useState(false)
  const [warnings, setWarnings] = useState<DangerMatch[] | null>(null)
  const input = { tenant, scriptId, version, baseVersion: latestVersion }
  const restore = useAction(restoreScriptVersionAction, {
    onSuccess({ data }) {
      if (data?.status === 'confirm') {
        setOpen(false)
        setWarnings(data.warnings)
        return
      }
      setOpen(false)
      setWarnings(null)
      toast.success(`Version ${version} restored as version ${data?.version}`)
      router.push(`/${tenant}/scripts/${scriptId}?tab=history`)
    },
  })
  return (
    <>
      <AlertDialog open={open} onOpenChange={(o) => (setOpen(o), restore.reset())}>
        <AlertDialogTrigger asChild>
          <Button variant="outline">
            <HistoryIcon aria-hidden /> Restore this version
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Restore version {version}?</AlertDialogTitle>
            <AlertDialogDescription>
              Its content and parameters become version {latestVersion + 1}. Every existing version stays as it is.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <FormError message={restore.result.serverError} />
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            {/* A plain button: the dialog stays open to show a refusal. */}
            <Button disabled={restore.isPending} onClick={() => restore.execute(input)}>
              {restore.isPending ? 'Restoring…' : 'Restore'}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      <DangerWarningsDialog
        warnings={warnings}
        confirmLabel="Restore anyway"
        onConfirm={() => restore.execute({ ...input, acknowledgeWarnings: true })}
        onCancel={() => setWarnings(null)}
      />
    </>
  )
}
