import { Badge } from '@/components/ui/badge'
import { parameterTypeLabels, type ParameterView } from '@/lib/scripts/parameters'

/** Read-only parameter declarations. A secret shows whether a default is set, never the value. */
export function ParameterList({ parameters, title = 'Parameters' }: { parameters: ParameterView[]; title?: string }) {
  return (
    <section aria-label={title} className="grid content-start gap-3">
      <h2 className="text-sm font-semibold">{title}</h2>
      {parameters.length === 0 ? (
        <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">No parameters.</p>
      ) : (
        <ol className="grid gap-2" aria-label="Parameters">
          {parameters.map((p) => (
            <li key={p.name} className="grid gap-1 rounded-lg border p-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <code className="font-mono font-medium">{p.name}</code>
                <Badge variant="outline">{parameterTypeLabels[p.type]}</Badge>
                {p.required && <Badge variant="secondary">Required</Badge>}
              </div>
              {p.description && <p className="text-muted-foreground">{p.description}</p>}
              <p className="text-muted-foreground">
                Default:{' '}
                {p.type === 'secret' ? (
                  p.secretIsSet ? (
                    'set (encrypted)'
                  ) : (
                    'none'
                  )
                ) : p.default === null ? (
                  'none'
                ) : (
                  <code className="font-mono text-foreground">{p.default}</code>
                )}
              </p>
              {p.type === 'choice' && <p className="text-muted-foreground">Options: {p.options.join(', ')}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
