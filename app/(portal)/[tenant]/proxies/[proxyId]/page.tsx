import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { CheckButton } from '@/components/targets/check-button'
import { ConnectionCard } from '@/components/targets/connection-card'
import { DeleteEndpointButton } from '@/components/targets/delete-endpoint-button'
import { ProxyForm } from '@/components/targets/proxy-form'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { getProxy, proxyOptions } from '@/lib/targets/proxy-queries'

export const metadata: Metadata = { title: 'Proxy' }

export default async function ProxyPage({ params }: { params: Promise<{ tenant: string; proxyId: string }> }) {
  const { tenant: slug, proxyId } = await params
  const { tenant, role, scope } = await getTenantAccess(slug)
  const proxy = await getProxy(scope, proxyId)
  if (!proxy) notFound()
  const canWrite = can(role, 'targets.write')
  return (
    <>
      <PageHeader
        title={proxy.name}
        description={`${proxy.username}@${proxy.host}:${proxy.port}${proxy.viaProxy ? ` via ${proxy.viaProxy.name}` : ''} · ${proxy._count.targets} targets`}
        actions={
          <>
            {can(role, 'targets.check') && <CheckButton tenant={tenant.slug} kind="proxy" ids={[proxy.id]} />}
            {canWrite && <DeleteEndpointButton tenant={tenant.slug} kind="proxy" id={proxy.id} name={proxy.name} />}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="order-2 lg:order-1">
          {canWrite ? (
            <ProxyForm tenant={tenant.slug} proxy={proxy} proxies={await proxyOptions(scope)} />
          ) : (
            <p className="text-sm text-muted-foreground">Only tenant admins can change proxies.</p>
          )}
        </div>
        <ConnectionCard tenant={tenant.slug} kind="proxy" endpoint={proxy} canTrust={canWrite} />
      </div>
    </>
  )
}
