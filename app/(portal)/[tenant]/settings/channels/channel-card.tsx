import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { formatDateTime } from '@/lib/format'
import type { ChannelDetail } from '@/lib/notify/queries'
import { channelKindLabels } from '@/lib/notify/schema'
import { ChannelEnabledSwitch, DeleteChannelButton, SendTestButton } from './channel-buttons'
import { EditChannelDialog } from './edit-channel-dialog'

const deliveryTones = { delivered: 'success', failed: 'destructive', pending: 'secondary' } as const

function destination(channel: ChannelDetail) {
  const { config } = channel
  if (channel.kind === 'email') return `To ${config.to?.join(', ')} via ${config.host}:${config.port}`
  return `${config.urlHint}${config.signed ? ' · signed' : ''}`
}

/** One channel: where it sends, how its last sends went, and what can be done with it. */
export function ChannelCard({ tenant, channel }: { tenant: string; channel: ChannelDetail }) {
  const failing =
    !!channel.lastErrorAt && (!channel.lastSuccessAt || channel.lastErrorAt.getTime() > channel.lastSuccessAt.getTime())
  return (
    <Card data-testid={`channel-${channel.name}`}>
      <CardHeader className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle className="flex items-center gap-2">
            {channel.name}
            <Badge variant="outline">{channelKindLabels[channel.kind] ?? channel.kind}</Badge>
            {!channel.enabled && <Badge variant="secondary">Disabled</Badge>}
            {failing && <Badge variant="destructive">Failing</Badge>}
          </CardTitle>
          <CardDescription className="break-all">{destination(channel)}</CardDescription>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <ChannelEnabledSwitch tenant={tenant} channel={channel} />
          <SendTestButton tenant={tenant} channel={channel} />
          <EditChannelDialog tenant={tenant} channel={channel} />
          <DeleteChannelButton tenant={tenant} channel={channel} />
        </div>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="text-muted-foreground">Last success</dt>
          <dd>{formatDateTime(channel.lastSuccessAt)}</dd>
          <dt className="text-muted-foreground">Last error</dt>
          <dd data-testid="last-error" className={failing ? 'text-destructive' : undefined}>
            {channel.lastError ? `${formatDateTime(channel.lastErrorAt)}: ${channel.lastError}` : '—'}
          </dd>
        </dl>
        {channel.deliveries.length > 0 && (
          <div className="grid gap-1">
            <h3 className="font-medium">Recent deliveries</h3>
            <ul className="grid gap-1" aria-label={`Recent deliveries: ${channel.name}`}>
              {channel.deliveries.map((d) => (
                <li key={d.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
                  <span className="text-muted-foreground tabular-nums">{formatDateTime(d.createdAt)}</span>
                  <span>{d.runId ? 'Run' : 'Test'}</span>
                  <Badge variant={deliveryTones[d.status as keyof typeof deliveryTones] ?? 'secondary'}>
                    {d.status}
                  </Badge>
                  <span className="text-muted-foreground">
                    {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                    {d.lastStatusCode !== null && ` · ${d.lastStatusCode}`}
                    {d.status === 'pending' && d.attempts > 0 && ` · next try ${formatDateTime(d.nextAttemptAt)}`}
                  </span>
                  {d.lastError && <span className="break-all text-destructive">{d.lastError}</span>}
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  )
}
