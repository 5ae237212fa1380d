import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { TargetForm } from '@/components/targets/target-form'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { proxyOptions } from '@/lib/targets/proxy-queries'

export const metadata: Metadata = { title: 'New target' }

export default async function NewTargetPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  if (!can(role, 'targets.write')) notFound()
  return (
    <>
      <PageHeader title="New target" description="A host Fanout reaches over SSH." />
      <TargetForm tenant={tenant.slug} proxies={await proxyOptions(scope)} />
    </>
  )
}
