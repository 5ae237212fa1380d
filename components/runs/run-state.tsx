'use client'
import { CircleAlertIcon } from 'lucide-react'
import { formatDuration } from '@/lib/runs/statuses'
import { useLiveRun } from './live-run'

/** Why the run as a whole failed (e.g. a blocking rule), when it is not a target's failure. */
export function RunError() {
  const { run } = useLiveRun()
  if (!run.error) return null
  return (
    <p
      role="alert"
      className="mb-4 flex items-center gap-2 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive"
    >
      <CircleAlertIcon aria-hidden className="size-4 shrink-0" />
      {run.error}
    </p>
  )
}

/** How long the run took, or has run so far. */
export function RunDuration() {
  const { run, now } = useLiveRun()
  const date = (iso: string | null) => (iso ? new Date(iso) : null)
  return formatDuration(date(run.startedAt), date(run.finishedAt), now)
}
