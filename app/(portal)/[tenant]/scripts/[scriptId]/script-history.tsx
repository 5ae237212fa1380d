import Link from 'next/link'
import { ArrowLeftIcon } from 'lucide-react'
import { notFound } from 'next/navigation'
import { Button } from '@/components/ui/button'
import type { Scope } from '@/lib/auth/tenant-access'
import { findScriptVersion, listScriptVersions, type ScriptDetail } from '@/lib/scripts/queries'
import { RestoreVersionButton } from './restore-version-button'
import { VersionDiff } from './version-diff'
import { VersionTable } from './version-table'
import { VersionView } from './version-view'

/**
 * The History tab. ?version=N shows one version (restorable); ?from=A&to=B compares two;
 * the version list is below either, with the pair preselected.
 */
export async function ScriptHistory({
  scope,
  script,
  base,
  tenant,
  canWrite,
  query,
}: {
  scope: Scope
  script: ScriptDetail
  base: string
  tenant: string
  canWrite: boolean
  query: { from: number | null; to: number | null; version: number | null }
}) {
  const latest = script.latestVersion
  const versions = await listScriptVersions(scope, script.id)
  const from = query.from ?? Math.max(1, latest - 1)
  const to = query.to ?? latest

  let top: React.ReactNode = null
  if (query.version !== null) {
    const version = await findScriptVersion(scope, script.id, query.version)
    if (!version) notFound()
    top = (
      <VersionView
        version={version}
        language={script.language}
        actions={
          <>
            <Button asChild variant="ghost">
              <Link href={`${base}?tab=history`}>
                <ArrowLeftIcon aria-hidden /> All versions
              </Link>
            </Button>
            {canWrite && version.version !== latest && (
              <RestoreVersionButton
                tenant={tenant}
                scriptId={script.id}
                version={version.version}
                latestVersion={latest}
              />
            )}
          </>
        }
      />
    )
  } else if (query.from !== null && query.to !== null) {
    const [a, b] = await Promise.all([
      findScriptVersion(scope, script.id, query.from),
      findScriptVersion(scope, script.id, query.to),
    ])
    if (!a || !b) notFound()
    top = <VersionDiff from={a} to={b} latest={latest} language={script.language} />
  }

  return (
    <div className="grid gap-6">
      {top}
      <VersionTable base={base} versions={versions} latest={latest} from={from} to={to} />
    </div>
  )
}
