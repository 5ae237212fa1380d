import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { listApiTokens } from '@/lib/api/tokens'
import { tokenTable } from '@/lib/api/v1/token-table'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { CreateTokenDialog } from './create-token-dialog'
import { TokensTable } from './tokens-table'

export const metadata: Metadata = { title: 'API tokens' }

export default async function ApiTokensPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  if (!can(role, 'settings.manage')) notFound()
  const state = await tokenTable.cache.parse(searchParams)
  const { rows, total } = await listApiTokens(scope, state)
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let scripts, CI and the command-line client use the REST API as this tenant (
            <a className="underline" href="/api/v1/openapi.json">
              OpenAPI document
            </a>
            ). Send one as <code>Authorization: Bearer …</code>.
          </>
        }
        actions={<CreateTokenDialog tenant={tenant.slug} />}
      />
      <TokensTable rows={rows} total={total} tenant={tenant.slug} />
    </>
  )
}
