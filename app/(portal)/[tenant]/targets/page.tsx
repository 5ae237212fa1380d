import type { Metadata } from 'next'
import Link from 'next/link'
import { PlusIcon, UploadIcon } from 'lucide-react'
import { PageHeader } from '@/components/portal/page-header'
import { Button } from '@/components/ui/button'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { proxyOptions } from '@/lib/targets/proxy-queries'
import { listLabels, listTargets } from '@/lib/targets/queries'
import { targetTable } from '@/lib/targets/table'
import { TargetsTable } from './targets-table'

export const metadata: Metadata = { title: 'Targets' }

export default async function TargetsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  const state = await targetTable.cache.parse(searchParams)
  const [{ rows, total }, labels, proxies] = await Promise.all([listTargets(scope, state), listLabels(scope), proxyOptions(scope)])
  const canWrite = can(role, 'targets.write')
  return (
    <>
      <PageHeader
        title="Targets"
        description="The hosts scripts run on, reached over SSH directly or through proxies."
        actions={
          canWrite && (
            <>
              <Button variant="outline" asChild>
                <Link href={`/${tenant.slug}/targets/import`}>
                  <UploadIcon aria-hidden /> Import
                </Link>
              </Button>
              <Button asChild>
                <Link href={`/${tenant.slug}/targets/new`}>
                  <PlusIcon aria-hidden /> New target
                </Link>
              </Button>
            </>
          )
        }
      />
      <TargetsTable
        tenant={tenant.slug}
        rows={rows}
        total={total}
        labels={labels.map((l) => l.label)}
        proxies={proxies}
        canCheck={can(role, 'targets.check')}
      />
    </>
  )
}
