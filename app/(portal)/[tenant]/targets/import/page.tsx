import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { ImportForm } from './import-form'
import { ImportHelp } from './import-help'

export const metadata: Metadata = { title: 'Import targets' }

export default async function ImportTargetsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, role } = await getTenantAccess((await params).tenant)
  if (!can(role, 'targets.write')) notFound()
  return (
    <>
      <PageHeader
        title="Import targets"
        description="Add or update many targets at once from a CSV file or an Ansible inventory (INI or YAML)."
      />
      <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <ImportForm tenant={tenant.slug} />
        <ImportHelp />
      </div>
    </>
  )
}
