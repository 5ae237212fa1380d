import { PlusIcon } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { Button } from '@/components/ui/button'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { listScriptCreators, listScripts } from '@/lib/scripts/queries'
import { scriptTable } from '@/lib/scripts/table'
import { ScriptsTable } from './scripts-table'

export const metadata: Metadata = { title: 'Scripts' }

export default async function ScriptsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  if (!can(role, 'scripts.read')) notFound()
  const state = await scriptTable.cache.parse(searchParams)
  const [{ rows, total }, creators] = await Promise.all([listScripts(scope, state), listScriptCreators(scope)])
  return (
    <>
      <PageHeader
        title="Scripts"
        description="Versioned scripts with typed parameters, checked against the dangerous-command rules."
        actions={
          can(role, 'scripts.write') ? (
            <Button asChild>
              <Link href={`/${tenant.slug}/scripts/new`}>
                <PlusIcon aria-hidden /> New script
              </Link>
            </Button>
          ) : null
        }
      />
      <ScriptsTable
        rows={rows}
        total={total}
        tenant={tenant.slug}
        creators={creators}
        canRun={can(role, 'runs.start')}
      />
    </>
  )
}
