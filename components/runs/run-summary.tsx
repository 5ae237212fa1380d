import { Card, CardContent } from '@/components/ui/card'
import type { RunView } from '@/lib/runs/queries'
import { RunDuration } from './run-state'

/** Timing, and what the run's snapshot says it executed (secrets masked) and where it waits for a person. */
export function RunSummary({ run }: { run: RunView }) {
  return (
    <Card className="mb-6">
      <CardContent className="grid gap-4 text-sm sm:grid-cols-2">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-muted-foreground">Targets</dt>
          <dd>{run.targets.length}</dd>
          <dt className="text-muted-foreground">Duration</dt>
          <dd>
            <RunDuration />
          </dd>
          <dt className="text-muted-foreground">Limits</dt>
          <dd>
            {run.limits.parallelism} at once · timeout {run.limits.timeoutSeconds} s
            {run.limits.maxFailedCount !== null && ` · stop after ${run.limits.maxFailedCount} failed`}
            {run.limits.maxFailedPercent !== null && ` · stop after ${run.limits.maxFailedPercent}% failed`}
          </dd>
        </dl>
        <div className="grid gap-2">
          {run.steps.map((step, i) => (
            <div key={i} className="grid gap-1">
              <div>
                <span className="font-medium">
                  Step {i + 1}: {step.label}
                </span>
                {step.confirmation && (
                  <span className="ml-2 text-xs text-muted-foreground">
                    confirmation
                    {step.confirmation.timeoutMinutes !== null &&
                      `, aborts after ${step.confirmation.timeoutMinutes} min`}
                  </span>
                )}
                {step.sha256 && (
                  <span className="ml-2 font-mono text-xs text-muted-foreground" title={step.sha256}>
                    sha256 {step.sha256.slice(0, 12)}
                  </span>
                )}
              </div>
              {step.parameters.length > 0 && (
                <dl
                  className="grid grid-cols-[auto_1fr] gap-x-4 font-mono text-xs"
                  aria-label={`Step ${i + 1} parameters`}
                >
                  {step.parameters.map((p) => (
                    <div key={p.name} className="contents">
                      <dt className="text-muted-foreground">{p.name}</dt>
                      <dd className="break-all">{p.value === '' ? '""' : p.value}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </div>
          ))}
        </div>
      </CardContent>
    </Card>
  )
}
