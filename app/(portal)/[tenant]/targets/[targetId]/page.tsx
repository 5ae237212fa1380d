import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { CheckButton } from '@/components/targets/check-button'
import { ConnectionCard } from '@/components/targets/connection-card'
import { DeleteEndpointButton } from '@/components/targets/delete-endpoint-button'
import { InstallKeyDialog } from '@/components/targets/install-key-dialog'
import { TargetForm } from '@/components/targets/target-form'
import { Badge } from '@/components/ui/badge'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { proxyOptions } from '@/lib/targets/proxy-queries'
import { getTarget } from '@/lib/targets/queries'

export const metadata: Metadata = { title: 'Target' }

export default async function TargetPage({ params }: { params: Promise<{ tenant: string; targetId: string }> }) {
  const { tenant: slug, targetId } = await params
  const { tenant, role, scope } = await getTenantAccess(slug)
  const target = await getTarget(scope, targetId)
  if (!target) notFound()
  const canWrite = can(role, 'targets.write')
  return (
    <>
      <PageHeader
        title={target.name}
        description={`${target.username}@${target.host}:${target.port}${target.proxy ? ` via ${target.proxy.name}` : ''}`}
        actions={
          <>
            {can(role, 'targets.check') && <CheckButton tenant={tenant.slug} kind="target" ids={[target.id]} />}
            {canWrite && <InstallKeyDialog tenant={tenant.slug} id={target.id} username={target.username} />}
            {canWrite && <DeleteEndpointButton tenant={tenant.slug} kind="target" id={target.id} name={target.name} />}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="order-2 lg:order-1">
          {canWrite ? (
            <TargetForm tenant={tenant.slug} target={target} proxies={await proxyOptions(scope)} />
          ) : (
            <dl className="grid max-w-xl grid-cols-[10rem_1fr] gap-2 text-sm">
              <dt className="text-muted-foreground">Labels</dt>
              <dd className="flex flex-wrap gap-1">
                {target.labels.map((l) => (
                  <Badge key={l} variant="outline">
                    {l}
                  </Badge>
                ))}
              </dd>
              <dt className="text-muted-foreground">Resource pool</dt>
              <dd>{target.resourcePool ?? '—'}</dd>
              <dt className="text-muted-foreground">Region</dt>
              <dd>{target.region ?? '—'}</dd>
              <dt className="text-muted-foreground">Output encoding</dt>
              <dd>{target.encoding}</dd>
              <dt className="text-muted-foreground">Description</dt>
              <dd>{target.description || '—'}</dd>
            </dl>
          )}
        </div>
        <ConnectionCard tenant={tenant.slug} kind="target" endpoint={target} canTrust={canWrite} />
      </div>
    </>
  )
}
