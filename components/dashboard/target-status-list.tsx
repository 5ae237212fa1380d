import { BarList } from '@/components/charts/bar-list'
import type { TenantDashboard } from '@/lib/dashboard/queries'
import { type EndpointStatus, statusLabels } from '@/lib/targets/schema'

// The target status badges' tones (components/targets/status-badge.tsx) as bar colours.
const swatches: Record<EndpointStatus, string> = {
  online: 'bg-success',
  unreachable: 'bg-destructive',
  timeout: 'bg-warning',
  auth_failed: 'bg-destructive',
  host_key_mismatch: 'bg-destructive',
  proxy_failed: 'bg-warning',
  unknown: 'bg-muted-foreground/40',
}
const order: EndpointStatus[] = [
  'online',
  'unreachable',
  'timeout',
  'auth_failed',
  'host_key_mismatch',
  'proxy_failed',
  'unknown',
]

/** How many targets answered their last connection check how; each status opens the filtered target list. */
export function TargetStatusList({ tenant, counts }: { tenant: string; counts: TenantDashboard['targetsByStatus'] }) {
  const total = order.reduce((sum, s) => sum + counts[s], 0)
  return (
    <BarList
      label="Targets by connection status"
      empty="No targets yet."
      items={
        total === 0
          ? []
          : order.map((s) => ({
              key: s,
              label: statusLabels[s],
              value: counts[s],
              swatch: swatches[s],
              href: `/${tenant}/targets?status=${s}`,
            }))
      }
    />
  )
}
