import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { formatDateTime } from '@/lib/format'
import { HostKeyPanel } from './host-key-panel'
import { StatusBadge } from './status-badge'

/** Status, last check, message and host keys of a target or proxy, on its detail page. */
export function ConnectionCard({
  tenant,
  kind,
  endpoint,
  canTrust,
}: {
  tenant: string
  kind: 'target' | 'proxy'
  endpoint: {
    id: string
    status: string
    statusMessage: string | null
    lastCheckedAt: Date | null
    hostKeyFingerprint: string | null
    presentedHostKey: string | null
  }
  canTrust: boolean
}) {
  return (
    <Card className="order-1 h-fit lg:order-2">
      <CardHeader>
        <CardTitle>Connection</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <div className="flex items-center gap-2">
          <StatusBadge status={endpoint.status} />
          <span className="text-muted-foreground">checked {formatDateTime(endpoint.lastCheckedAt)}</span>
        </div>
        {endpoint.statusMessage && <p className="break-words text-muted-foreground">{endpoint.statusMessage}</p>}
        <HostKeyPanel
          tenant={tenant}
          kind={kind}
          id={endpoint.id}
          trusted={endpoint.hostKeyFingerprint}
          presented={endpoint.presentedHostKey}
          canTrust={canTrust}
        />
      </CardContent>
    </Card>
  )
}
