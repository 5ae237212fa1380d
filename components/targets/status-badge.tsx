import { Badge } from '@/components/ui/badge'
import { type EndpointStatus, statusLabels } from '@/lib/targets/schema'

const variants: Record<EndpointStatus, 'success' | 'destructive' | 'warning' | 'secondary'> = {
  unknown: 'secondary',
  online: 'success',
  unreachable: 'destructive',
  timeout: 'warning',
  auth_failed: 'destructive',
  host_key_mismatch: 'destructive',
  proxy_failed: 'warning',
}

export function StatusBadge({ status }: { status: string }) {
  const s = (status in statusLabels ? status : 'unknown') as EndpointStatus
  return <Badge variant={variants[s]}>{statusLabels[s]}</Badge>
}
