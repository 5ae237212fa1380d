import { CircleAlertIcon } from 'lucide-react'

/** The message of a whole form (not tied to one field), announced to screen readers. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <p
      role="alert"
      className="flex items-center gap-2 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive"
    >
      <CircleAlertIcon aria-hidden className="size-4 shrink-0" />
      {message}
    </p>
  )
}
