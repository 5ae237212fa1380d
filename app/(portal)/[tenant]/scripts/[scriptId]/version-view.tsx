import { CodeEditor } from '@/components/code-editor/code-editor'
import { formatDateTime } from '@/lib/format'
import type { ScriptLanguage } from '@/lib/scripts/languages'
import type { ScriptVersionView } from '@/lib/scripts/queries'
import { ParameterList } from '../parameter-list'

/** One stored version, read-only. */
export function VersionView({
  version,
  language,
  actions,
}: {
  version: ScriptVersionView
  language: ScriptLanguage
  actions?: React.ReactNode
}) {
  return (
    <section aria-label={`Version ${version.version}`} className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <h2 className="text-lg font-semibold">Version {version.version}</h2>
          <p className="text-sm text-muted-foreground">
            Saved {formatDateTime(version.createdAt)} by {version.author?.name ?? 'a removed user'} · SHA-256{' '}
            <code className="font-mono text-xs break-all">{version.sha256}</code>
          </p>
          {version.message && <p className="text-sm">{version.message}</p>}
        </div>
        {actions && <div className="flex items-center gap-2">{actions}</div>}
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <CodeEditor
          value={version.content}
          language={language}
          readOnly
          ariaLabel={`Content of version ${version.version}`}
          height="60vh"
        />
        <ParameterList parameters={version.parameters} />
      </div>
    </section>
  )
}
