import type { Metadata } from 'next'
import Link from 'next/link'
import { PlusIcon } from 'lucide-react'
import { PageHeader } from '@/components/portal/page-header'
import { Button } from '@/components/ui/button'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { listProxies } from '@/lib/targets/proxy-queries'
import { proxyTable } from '@/lib/targets/table'
import { ProxiesTable } from './proxies-table'

export const metadata: Metadata = { title: 'Proxies' }

export default async function ProxiesPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  const { rows, total } = await listProxies(scope, await proxyTable.cache.parse(searchParams))
  return (
    <>
      <PageHeader
        title="Proxies"
        description="Jump hosts: Fanout connects to them and tunnels on to targets (ProxyJump). They may chain."
        actions={
          can(role, 'targets.write') && (
            <Button asChild>
              <Link href={`/${tenant.slug}/proxies/new`}>
                <PlusIcon aria-hidden /> New proxy
              </Link>
            </Button>
          )
        }
      />
      <ProxiesTable tenant={tenant.slug} rows={rows} total={total} />
    </>
  )
}
