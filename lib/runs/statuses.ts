// Run and target-run statuses exactly as PRODUCT.md §4 lists them. No server imports: pages
// and client components share the labels.

export const runStatuses = [
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
  'interrupted',
] as const
export const targetRunStatuses = [...runStatuses, 'skipped', 'connect_failed'] as const
export type TargetRunStatus = (typeof targetRunStatuses)[number]

export const statusLabels: Record<TargetRunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting for confirmation',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  timed_out: 'Timed out',
  interrupted: 'Interrupted',
  skipped: 'Skipped',
  connect_failed: 'Connect failed',
}

export const statusTones: Record<TargetRunStatus, 'success' | 'destructive' | 'warning' | 'secondary' | 'outline'> = {
  queued: 'secondary',
  running: 'outline',
  waiting: 'warning',
  succeeded: 'success',
  failed: 'destructive',
  cancelled: 'warning',
  timed_out: 'destructive',
  interrupted: 'warning',
  skipped: 'secondary',
  connect_failed: 'destructive',
}

/** Not finished: queued, running, or paused at a confirmation. */
export const liveStatuses = ['queued', 'running', 'waiting']

export function isLive(status: string) {
  return liveStatuses.includes(status)
}

/** "1.2 s", "3 min 4 s": how long something took, or has run so far. */
export function formatDuration(from: Date | null, to: Date | null, now = new Date()): string {
  if (!from) return '—'
  const ms = (to ?? now).getTime() - from.getTime()
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`
}
