import { LoaderCircleIcon } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { statusLabels, statusTones, type TargetRunStatus } from '@/lib/runs/statuses'

export function RunStatusBadge({ status }: { status: string }) {
  const s = (status in statusLabels ? status : 'queued') as TargetRunStatus
  return (
    <Badge variant={statusTones[s]} data-status={s}>
      {s === 'running' && <LoaderCircleIcon aria-hidden className="animate-spin" />}
      {statusLabels[s]}
    </Badge>
  )
}
