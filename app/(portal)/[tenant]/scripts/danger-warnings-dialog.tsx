'use client'
import { TriangleAlertIcon } from 'lucide-react'
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog'
import type { DangerMatch } from '@/lib/danger-rules/check'

/** Lists the lines that matched warn rules; the user saves anyway or goes back to edit. */
export function DangerWarningsDialog({
  warnings,
  confirmLabel = 'Save anyway',
  onConfirm,
  onCancel,
}: {
  warnings: DangerMatch[] | null
  confirmLabel?: string
  onConfirm: () => void
  onCancel: () => void
}) {
  return (
    <AlertDialog open={warnings !== null} onOpenChange={(open) => !open && onCancel()}>
      <AlertDialogContent className="sm:max-w-2xl">
        <AlertDialogHeader>
          <AlertDialogTitle className="flex items-center gap-2">
            <TriangleAlertIcon aria-hidden className="size-5 text-warning" />
            This script contains dangerous commands
          </AlertDialogTitle>
          <AlertDialogDescription>
            These lines match the tenant&apos;s warning rules. Save only if the script is meant to do this.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <ul className="grid max-h-80 gap-2 overflow-y-auto text-sm" aria-label="Matched lines">
          {warnings?.map((m) => (
            <li key={`${m.line}-${m.ruleId}`} className="grid gap-1 rounded-md border p-2">
              <span>
                <span className="font-medium">Line {m.line}</span>: {m.description}
              </span>
              <code className="truncate rounded bg-muted px-2 py-1 font-mono text-xs">{m.text}</code>
            </li>
          ))}
        </ul>
        <AlertDialogFooter>
          <AlertDialogCancel>Back to editing</AlertDialogCancel>
          <AlertDialogAction onClick={onConfirm}>{confirmLabel}</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
