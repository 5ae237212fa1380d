'use client'
import { Badge } from '@/components/ui/badge'
import { formatDateTime } from '@/lib/format'
import type { GateStatus, LiveGate } from '@/lib/runs/live'
import { gatePlace, type RunPlanInfo } from '@/lib/runs/rollout-view'
import { useLiveRun } from './live-run'

const decisions: Record<Exclude<GateStatus, 'waiting'>, { label: string; tone: 'success' | 'destructive' }> = {
  continued: { label: 'Continued', tone: 'success' },
  aborted: { label: 'Aborted', tone: 'destructive' },
  timed_out: { label: 'Timed out', tone: 'destructive' },
}

// A timeout is decided by no one: its badge says it all.
const who = (by: LiveGate['decidedBy']) =>
  by && by.type !== 'system' ? `by ${by.label}${by.type === 'token' ? ' (API token)' : ''} · ` : ''

/** The confirmations decided so far: where, continued or aborted (or timed out), by whom, when, and why. */
export function ConfirmationHistory({ plan }: { plan: RunPlanInfo }) {
  const { run } = useLiveRun()
  const decided = run.gates.filter((g) => g.status !== 'waiting')
  if (!decided.length) return null
  return (
    <section aria-labelledby="confirmations" className="mb-6 grid gap-2 text-sm">
      <h2 id="confirmations" className="font-medium">
        Confirmations
      </h2>
      <ul className="grid gap-2">
        {decided.map((g) => {
          const decision = decisions[g.status as keyof typeof decisions]
          return (
            <li key={g.key} className="grid gap-1 rounded-md border px-3 py-2" data-gate={g.key}>
              <div className="flex flex-wrap items-center gap-2">
                <Badge variant={decision.tone}>{decision.label}</Badge>
                <span>{gatePlace(g, plan)}</span>
                <span className="text-muted-foreground">
                  {who(g.decidedBy)}
                  {formatDateTime(g.decidedAt)}
                </span>
              </div>
              {g.comment && <p className="whitespace-pre-wrap text-muted-foreground">“{g.comment}”</p>}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
