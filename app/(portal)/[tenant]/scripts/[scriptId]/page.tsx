import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ChevronLeftIcon } from 'lucide-react'
import { PageHeader } from '@/components/portal/page-header'
import { RunListTable } from '@/components/runs/run-list-table'
import { RunScriptDialog } from '@/components/runs/run-script-dialog'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { formatDateTime } from '@/lib/format'
import { listRuns } from '@/lib/runs/list'
import { runListParams } from '@/lib/runs/list-params'
import { languageLabels } from '@/lib/scripts/languages'
import { findScript } from '@/lib/scripts/queries'
import { DeleteScriptButton } from './delete-script-button'
import { EditScriptForm } from './edit-script-form'
import { ScriptHistory } from './script-history'
import { ScriptReadOnly } from './script-read-only'
import { ScriptTabs } from './script-tabs'
import { scriptPageParams } from './search-params'

export const metadata: Metadata = { title: 'Script' }

export default async function ScriptPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; scriptId: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant: slug, scriptId } = await params
  const { tenant, role, scope } = await getTenantAccess(slug)
  if (!can(role, 'scripts.read')) notFound()
  const script = await findScript(scope, scriptId)
  if (!script) notFound()
  const { tab, from, to, version } = await scriptPageParams.parse(searchParams)
  const canWrite = can(role, 'scripts.write')
  const base = `/${tenant.slug}/scripts/${script.id}`
  if (tab === 'runs' && !can(role, 'runs.read')) notFound()
  // from/to are version numbers on History and days here: the tabs never share a URL.
  const runs =
    tab === 'runs'
      ? await listRuns(scope, { scriptId: script.id }, await runListParams.cache.parse(searchParams))
      : null

  return (
    <>
      <Link
        href={`/${tenant.slug}/scripts`}
        className="mb-2 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ChevronLeftIcon aria-hidden className="size-4" /> Scripts
      </Link>
      <PageHeader
        title={script.name}
        description={`${languageLabels[script.language]} · version ${script.latestVersion} · created by ${
          script.createdBy?.name ?? 'a removed user'
        } · updated ${formatDateTime(script.updatedAt)}`}
        actions={
          <>
            {canWrite && <DeleteScriptButton tenant={tenant.slug} scriptId={script.id} name={script.name} />}
            {can(role, 'runs.start') && <RunScriptDialog tenant={tenant.slug} scriptId={script.id} />}
          </>
        }
      />
      <ScriptTabs base={base} current={tab} versions={script.latestVersion} />
      {tab === 'script' &&
        (canWrite ? (
          <EditScriptForm
            // A save changes version or updatedAt: the form restarts from what was stored.
            key={`${script.latestVersion}:${script.updatedAt.toISOString()}`}
            tenant={tenant.slug}
            scriptId={script.id}
            baseVersion={script.latestVersion}
            initial={{
              name: script.name,
              language: script.language,
              description: script.description,
              content: script.current.content,
              parameters: script.current.parameters,
            }}
          />
        ) : (
          <ScriptReadOnly script={script} />
        ))}
      {tab === 'history' && (
        <ScriptHistory
          scope={scope}
          script={script}
          base={base}
          tenant={tenant.slug}
          canWrite={canWrite}
          query={{ from, to, version }}
        />
      )}
      {runs && <RunListTable tenant={tenant.slug} rows={runs.rows} total={runs.total} />}
    </>
  )
}
