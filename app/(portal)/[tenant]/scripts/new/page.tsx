import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { starterContent } from '@/lib/scripts/languages'
import { NewScriptForm } from './new-script-form'

export const metadata: Metadata = { title: 'New script' }

export default async function NewScriptPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, role } = await getTenantAccess((await params).tenant)
  if (!can(role, 'scripts.write')) notFound()
  return (
    <>
      <PageHeader
        title="New script"
        description="Saved as version 1; every later change of content or parameters is a new version."
      />
      <NewScriptForm
        tenant={tenant.slug}
        initial={{ name: '', language: 'bash', description: '', content: starterContent.bash, parameters: [] }}
      />
    </>
  )
}
