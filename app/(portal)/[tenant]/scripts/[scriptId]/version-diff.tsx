import { DiffEditor } from '@/components/code-editor/diff-editor'
import type { ScriptLanguage } from '@/lib/scripts/languages'
import type { ScriptVersionView } from '@/lib/scripts/queries'
import { ParameterList } from '../parameter-list'

const label = (v: ScriptVersionView, latest: number) => `Version ${v.version}${v.version === latest ? ' (latest)' : ''}`

/** Content of two versions side by side; their parameters too when those differ. */
export function VersionDiff({
  from,
  to,
  latest,
  language,
}: {
  from: ScriptVersionView
  to: ScriptVersionView
  latest: number
  language: ScriptLanguage
}) {
  const parametersChanged = JSON.stringify(from.parameters) !== JSON.stringify(to.parameters)
  return (
    <section aria-label={`Changes from version ${from.version} to version ${to.version}`} className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        {from.sha256 === to.sha256 ? 'The content is identical. ' : ''}
        {parametersChanged ? 'The parameters differ (below the content).' : 'The parameters are the same.'}
      </p>
      <DiffEditor
        original={from.content}
        modified={to.content}
        language={language}
        originalLabel={label(from, latest)}
        modifiedLabel={label(to, latest)}
        height="60vh"
      />
      {parametersChanged && (
        <div className="grid gap-4 md:grid-cols-2">
          <ParameterList parameters={from.parameters} title={`Parameters of version ${from.version}`} />
          <ParameterList parameters={to.parameters} title={`Parameters of version ${to.version}`} />
        </div>
      )}
    </section>
  )
}
