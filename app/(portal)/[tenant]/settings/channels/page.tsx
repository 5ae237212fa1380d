import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { listChannelDetails } from '@/lib/notify/queries'
import { AddChannelDialog } from './add-channel-dialog'
import { ChannelCard } from './channel-card'

export const metadata: Metadata = { title: 'Notifications' }

export default async function ChannelsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  if (!can(role, 'settings.manage')) notFound()
  const channels = await listChannelDetails(scope)
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Where run notifications go: email and chat webhooks. Failed sends are retried three times over about ten minutes."
        actions={<AddChannelDialog tenant={tenant.slug} />}
      />
      {channels.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-sm text-muted-foreground">
          No channels yet. Add one, send a test, then pick it in a task’s notification settings.
        </p>
      ) : (
        <ul className="grid gap-4" aria-label="Channels">
          {channels.map((channel) => (
            <li key={channel.id}>
              <ChannelCard tenant={tenant.slug} channel={channel} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
