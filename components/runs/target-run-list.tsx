import type { Scope } from '@/lib/auth/tenant-access'
import { mapWithConcurrency } from '@/lib/concurrency'
import { readTargetRunOutput } from '@/lib/engine/output'
import type { RunView } from '@/lib/runs/queries'
import { formatDuration } from '@/lib/runs/statuses'
import { RunStatusBadge } from './run-status-badge'

// Rows open by themselves when there are few, so a one-host run shows its output at once.
const OPEN_WHEN_AT_MOST = 5
const OUTPUT_READS_AT_ONCE = 8

type Output = NonNullable<Awaited<ReturnType<typeof readTargetRunOutput>>>

/** A stream cut at the output cap ends with lib/engine/output's marker saying how much. */
function Stream({ label, text }: { label: string; text: string }) {
  if (!text) return null
  return (
    <section aria-label={label} className="grid gap-1">
      <h3 className="text-xs font-medium text-muted-foreground uppercase">{label}</h3>
      <pre className="max-h-96 overflow-auto rounded-md bg-muted p-3 font-mono text-xs whitespace-pre-wrap">{text}</pre>
    </section>
  )
}

/** One row per target and step, each opening onto its stdout and stderr, kept apart. */
export async function TargetRunList({ scope, run }: { scope: Pick<Scope, 'tenantId'>; run: RunView }) {
  const outputs = await mapWithConcurrency(run.targetRuns, OUTPUT_READS_AT_ONCE, (t) =>
    readTargetRunOutput(scope, t.id),
  )
  const steps = run.steps.length
  return (
    <ul className="grid gap-2" aria-label="Targets">
      {run.targetRuns.map((t, i) => {
        const output = outputs[i] as Output | null
        return (
          <li key={t.id} className="rounded-lg border" data-target={t.targetName}>
            <details open={run.targetRuns.length <= OPEN_WHEN_AT_MOST}>
              <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-4 py-2 text-sm">
                <span className="font-medium">{t.targetName}</span>
                {steps > 1 && <span className="text-muted-foreground">step {t.stepIndex + 1}</span>}
                <RunStatusBadge status={t.status} />
                {t.exitCode !== null && <span className="text-muted-foreground">exit {t.exitCode}</span>}
                <span className="ml-auto text-muted-foreground tabular-nums">
                  {formatDuration(t.startedAt, t.finishedAt)}
                </span>
              </summary>
              <div className="grid gap-3 border-t px-4 py-3">
                {t.error && (
                  <p role="alert" className="text-sm text-destructive">
                    {t.error}
                  </p>
                )}
                {output && (
                  <>
                    <Stream label="stdout" text={output.stdout} />
                    <Stream label="stderr" text={output.stderr} />
                  </>
                )}
                {!t.error && !output?.stdout && !output?.stderr && (
                  <p className="text-sm text-muted-foreground">No output.</p>
                )}
              </div>
            </details>
          </li>
        )
      })}
    </ul>
  )
}
