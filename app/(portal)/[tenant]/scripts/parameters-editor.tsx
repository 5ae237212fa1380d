'use client'
import { PlusIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { MAX_PARAMETERS } from '@/lib/scripts/parameters'
import { ParameterRow } from './parameter-row'
import { newParameterRow, type ParameterRowState } from './parameter-rows'

/** The parameter declarations beside the editor: a run passes each as FANOUT_PARAM_<NAME> and as an argument. */
export function ParametersEditor({
  rows,
  errors,
  onChange,
}: {
  rows: ParameterRowState[]
  errors: Record<string, string[] | undefined>
  onChange: (rows: ParameterRowState[]) => void
}) {
  const listError = errors.parameters?.[0]
  return (
    <section aria-labelledby="parameters-heading" className="grid content-start gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="parameters-heading" className="text-sm font-semibold">
          Parameters
        </h2>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={rows.length >= MAX_PARAMETERS}
          onClick={() => onChange([...rows, newParameterRow()])}
        >
          <PlusIcon aria-hidden /> Add parameter
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        Passed in order as arguments and as <code>FANOUT_PARAM_&lt;NAME&gt;</code> environment variables.
      </p>
      {listError && (
        <p role="alert" className="text-sm text-destructive">
          {listError}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">No parameters.</p>
      ) : (
        <ol className="grid gap-3" aria-label="Parameters">
          {rows.map((row, index) => (
            <ParameterRow
              key={row.key}
              row={row}
              index={index}
              errors={errors}
              onChange={(patch) => onChange(rows.map((r) => (r.key === row.key ? { ...r, ...patch } : r)))}
              onRemove={() => onChange(rows.filter((r) => r.key !== row.key))}
            />
          ))}
        </ol>
      )}
    </section>
  )
}
