import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { listDangerRules } from '@/lib/danger-rules/queries'
import { ruleTable } from '@/lib/danger-rules/table'
import { AddRuleDialog } from './add-rule-dialog'
import { RulesTable } from './rules-table'

export const metadata: Metadata = { title: 'Dangerous commands' }

export default async function RulesPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  if (!can(role, 'scripts.read')) notFound()
  const state = await ruleTable.cache.parse(searchParams)
  // The first read seeds the tenant's default rules (once; see ensureDefaultRules).
  const { rows, total } = await listDangerRules(scope, state)
  const canManage = can(role, 'settings.manage')
  return (
    <>
      <PageHeader
        title="Dangerous commands"
        description="Each line of a script is checked when it is saved and when it runs. Block refuses; warn asks to confirm."
        actions={canManage ? <AddRuleDialog tenant={tenant.slug} /> : null}
      />
      <RulesTable rows={rows} total={total} tenant={tenant.slug} canManage={canManage} />
    </>
  )
}
