'use client'
import { CheckIcon, HandIcon, XIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useRef } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Label } from '@/components/ui/label'
import { Textarea } from '@/components/ui/textarea'
import { formatDateTime } from '@/lib/format'
import { confirmRunAction } from '@/lib/runs/actions'
import { gatePlace, type RunPlanInfo } from '@/lib/runs/rollout-view'
import { formatDuration } from '@/lib/runs/statuses'
import { useLiveRun } from './live-run'

/**
 * While the run waits at a confirmation: what it says, where the run stands, since when and
 * until when; Continue and Abort (with a comment) for whoever may run tasks.
 */
export function ConfirmationPanel({ plan, canConfirm }: { plan: RunPlanInfo; canConfirm: boolean }) {
  const { run, now } = useLiveRun()
  const gate = run.status === 'waiting' ? run.gates.findLast((g) => g.status === 'waiting') : undefined
  if (!gate) return null
  const since = new Date(gate.createdAt)
  return (
    <section
      aria-labelledby="waiting-for-confirmation"
      className="mb-4 grid gap-3 rounded-lg border border-warning/50 bg-warning/10 p-4 text-sm"
    >
      <h2 id="waiting-for-confirmation" className="flex items-center gap-2 text-base font-medium">
        <HandIcon aria-hidden className="size-4 text-warning" /> Waiting for confirmation
      </h2>
      {gate.message && <p className="whitespace-pre-wrap">{gate.message}</p>}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted-foreground">Where</dt>
        <dd>{gatePlace(gate, plan)}</dd>
        <dt className="text-muted-foreground">Waiting since</dt>
        <dd>
          {formatDateTime(since)} ({formatDuration(since, null, now)})
        </dd>
        <dt className="text-muted-foreground">Times out</dt>
        <dd>
          {gate.timeoutAt
            ? `${formatDateTime(gate.timeoutAt)}: the run is aborted without an answer`
            : 'Never: the run waits until someone decides'}
        </dd>
      </dl>
      {canConfirm ? (
        <ConfirmForm />
      ) : (
        <p className="text-muted-foreground">Someone allowed to start runs continues or aborts it.</p>
      )}
    </section>
  )
}

function ConfirmForm() {
  const { tenant, runId } = useLiveRun()
  // Uncontrolled, read when a button is pressed: text typed before the page hydrated stays.
  const commentRef = useRef<HTMLTextAreaElement>(null)
  const confirm = useAction(confirmRunAction, {
    onSuccess: ({ data }) => toast.success(data?.status === 'cancelled' ? 'Run aborted' : 'Continued: the run goes on'),
    onError: ({ error }) =>
      toast.error(error.serverError ?? error.validationErrors?.fieldErrors.comment?.[0] ?? 'Could not decide.'),
  })
  const decide = (decision: 'continue' | 'abort') =>
    confirm.execute({ tenant, id: runId, decision, comment: commentRef.current?.value ?? '' })
  return (
    <div className="grid gap-2">
      <Label htmlFor="confirmation-comment">Comment (optional)</Label>
      <Textarea
        id="confirmation-comment"
        ref={commentRef}
        name="comment"
        maxLength={2000}
        placeholder="Why you continue or abort; recorded with your decision."
        className="bg-background"
      />
      <div className="flex flex-wrap gap-2">
        <Button disabled={confirm.isPending} onClick={() => decide('continue')}>
          <CheckIcon aria-hidden /> Continue
        </Button>
        <Button variant="outline" disabled={confirm.isPending} onClick={() => decide('abort')}>
          <XIcon aria-hidden /> Abort run
        </Button>
      </div>
    </div>
  )
}
