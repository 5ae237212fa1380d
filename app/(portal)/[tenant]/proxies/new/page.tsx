import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { ProxyForm } from '@/components/targets/proxy-form'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { proxyOptions } from '@/lib/targets/proxy-queries'

export const metadata: Metadata = { title: 'New proxy' }

export default async function NewProxyPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  if (!can(role, 'targets.write')) notFound()
  return (
    <>
      <PageHeader title="New proxy" description="A jump host in front of targets (or of another proxy)." />
      <ProxyForm tenant={tenant.slug} proxies={await proxyOptions(scope)} />
    </>
  )
}
