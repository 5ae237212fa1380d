import { CodeEditor } from '@/components/code-editor/code-editor'
import type { ScriptDetail } from '@/lib/scripts/queries'
import { ParameterList } from '../parameter-list'

/** The latest version for those who may read but not change scripts. */
export function ScriptReadOnly({ script }: { script: ScriptDetail }) {
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="grid min-w-0 content-start gap-4">
        {script.description && <p className="text-sm whitespace-pre-line">{script.description}</p>}
        <CodeEditor
          value={script.current.content}
          language={script.language}
          readOnly
          ariaLabel={`Content of ${script.name}, version ${script.current.version}`}
          height="60vh"
        />
      </div>
      <ParameterList parameters={script.current.parameters} />
    </div>
  )
}
