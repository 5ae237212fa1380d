import { BanIcon, TriangleAlertIcon } from 'lucide-react'
import { FormError } from '@/components/forms/form-error'
import { Badge } from '@/components/ui/badge'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import type { Preflight, PreflightResult, PreflightStep } from '@/lib/runs/preflight'

// Past this many rows the table is no longer read; failing targets are listed first.
const SHOWN = 1000

const results: Record<
  PreflightResult,
  { label: string; variant: 'success' | 'warning' | 'destructive'; one: string; many: string }
> = {
  ok: { label: 'Reachable', variant: 'success', one: '', many: '' },
  unknown_host_key: {
    label: 'New host key',
    variant: 'warning',
    one: 'has a host key not trusted yet',
    many: 'have host keys not trusted yet',
  },
  unreachable: { label: 'Unreachable', variant: 'destructive', one: 'is unreachable', many: 'are unreachable' },
  timeout: { label: 'Timed out', variant: 'destructive', one: 'times out', many: 'time out' },
  auth_failed: { label: 'Auth failed', variant: 'destructive', one: 'refuses the login', many: 'refuse the login' },
  host_key_mismatch: {
    label: 'Host key mismatch',
    variant: 'destructive',
    one: 'presents a changed host key',
    many: 'present a changed host key',
  },
  proxy_failed: { label: 'Proxy failed', variant: 'destructive', one: 'fails at a proxy', many: 'fail at a proxy' },
}
const order = Object.keys(results).reverse() as PreflightResult[]

/** "3 of 4 targets reachable; 1 refuses the login". */
export function preflightSummary({ summary, targets }: Preflight): string {
  const counts = new Map<PreflightResult, number>()
  for (const t of targets) counts.set(t.result, (counts.get(t.result) ?? 0) + 1)
  const notes = order
    .filter((r) => r !== 'ok' && counts.has(r))
    .map((r) => `${counts.get(r)} ${counts.get(r) === 1 ? results[r].one : results[r].many}`)
  const noun = summary.targets === 1 ? 'target' : 'targets'
  return [`${summary.reachable} of ${summary.targets} ${noun} reachable`, ...notes].join('; ')
}

/** Task errors are keyed "step index.name", an ad hoc run's by name. */
function parameterName(key: string) {
  const [, step, name] = /^(\d+)\.(.+)$/.exec(key) ?? []
  return step ? `Step ${Number(step) + 1}, parameter ${name}` : `Parameter ${key}`
}

function StepChecks({ step, index }: { step: PreflightStep; index: number }) {
  const hosts =
    step.hosts === 'prev_succeeded'
      ? 'only on the hosts where the step before succeeded'
      : step.hosts === 'prev_failed'
        ? 'only on the hosts where the step before failed'
        : null
  return (
    <li className="grid gap-1 rounded-md border px-3 py-2" data-testid="preflight-step">
      <div className="flex flex-wrap items-center gap-2 text-sm font-medium">
        Step {index + 1}: {step.label}
        {step.blockedBy ? (
          <Badge variant="destructive">Blocked</Badge>
        ) : step.error ? (
          <Badge variant="destructive">Cannot run</Badge>
        ) : step.warnings ? (
          <Badge variant="warning">Warnings</Badge>
        ) : (
          <Badge variant="success">Allowed</Badge>
        )}
      </div>
      {(hosts || step.runAs) && (
        <p className="text-xs text-muted-foreground">
          {[hosts && `Runs ${hosts}`, step.runAs && `as ${step.runAs}`].filter(Boolean).join(', ')}
        </p>
      )}
      {step.error && <p className="text-sm text-destructive">{step.error}</p>}
      {step.blockedBy?.map((m) => (
        <p key={m} className="flex gap-1.5 text-sm break-words text-destructive">
          <BanIcon aria-hidden className="mt-0.5 size-3.5 shrink-0" /> {m}
        </p>
      ))}
      {step.warnings?.map((m) => (
        <p key={m} className="flex gap-1.5 text-sm break-words text-warning">
          <TriangleAlertIcon aria-hidden className="mt-0.5 size-3.5 shrink-0" /> {m}
        </p>
      ))}
    </li>
  )
}

/** What a run would do, from a pre-flight: the steps against the rules, then every target's connection. */
export function PreflightReport({ preflight }: { preflight: Preflight }) {
  const rank = (r: PreflightResult) => order.indexOf(r)
  const targets = [...preflight.targets].sort((a, b) => rank(a.result) - rank(b.result))
  const parameterErrors = Object.entries(preflight.parameterErrors ?? {})
  return (
    <div className="grid gap-4">
      <p className="text-sm font-medium" data-testid="preflight-summary">
        {preflightSummary(preflight)}
        {preflight.summary.blocked && ' — blocked by a dangerous-command rule: the run would be refused.'}
      </p>
      <FormError message={preflight.targetError} />
      {parameterErrors.length > 0 && (
        <div className="grid gap-1 text-sm text-destructive">
          {parameterErrors.map(([key, message]) => (
            <p key={key}>
              {parameterName(key)}: {message}
            </p>
          ))}
        </div>
      )}
      <ol className="grid gap-2" aria-label="Steps">
        {preflight.steps.map((step, i) => (
          <StepChecks key={i} step={step} index={i} />
        ))}
      </ol>
      {targets.length > 0 && (
        <div className="rounded-md border">
          <Table aria-label="Targets">
            <TableHeader>
              <TableRow>
                <TableHead>Target</TableHead>
                <TableHead>Address</TableHead>
                <TableHead>Result</TableHead>
                <TableHead>Message</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {targets.slice(0, SHOWN).map((t) => (
                <TableRow key={t.id} data-result={t.result}>
                  <TableCell className="font-medium">{t.name}</TableCell>
                  <TableCell>
                    <code className="text-xs">{t.address}</code>
                    {t.via.length > 0 && (
                      <span className="block text-xs text-muted-foreground">via {t.via.join(' → ')}</span>
                    )}
                  </TableCell>
                  <TableCell>
                    <Badge variant={results[t.result].variant}>{results[t.result].label}</Badge>
                  </TableCell>
                  <TableCell className="max-w-80 text-xs break-words whitespace-normal">{t.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {targets.length > SHOWN && (
        <p className="text-sm text-muted-foreground">
          Showing {SHOWN} of {targets.length} targets, those with problems first.
        </p>
      )}
    </div>
  )
}
