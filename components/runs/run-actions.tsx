'use client'
import { RotateCcwIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { rerunAction } from '@/lib/runs/actions'
import { isLive } from '@/lib/runs/statuses'
import { CancelRunButton } from './cancel-run-button'
import { useLiveRun } from './live-run'
import { RunStatusBadge } from './run-status-badge'
import { runPath } from '@/lib/runs/paths'

/** The run's status, live, and what the role may do with it now: cancel while it runs, re-run once it ended. */
export function RunActions({ canCancel, canRerun }: { canCancel: boolean; canRerun: boolean }) {
  const { tenant, runId, run, targetRuns } = useLiveRun()
  const router = useRouter()
  const rerun = useAction(rerunAction, {
    onSuccess: ({ data }) => {
      if (!data) return
      toast.success('Re-run queued')
      router.push(runPath(tenant, { id: data.runId, taskId: data.taskId }))
    },
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not re-run.'),
  })
  const live = isLive(run.status)
  const anyFailed = targetRuns.some((t) => t.status !== 'succeeded')
  return (
    <>
      <span role="status" aria-label="Run status">
        <RunStatusBadge status={run.status} />
      </span>
      {live && run.cancelRequested && <span className="text-sm text-muted-foreground">Cancelling…</span>}
      {live && canCancel && !run.cancelRequested && <CancelRunButton tenant={tenant} id={runId} />}
      {!live &&
        canRerun &&
        (anyFailed ? (['failed', 'all'] as const) : (['all'] as const)).map((only) => (
          <Button
            key={only}
            variant="outline"
            disabled={rerun.isPending}
            onClick={() => rerun.execute({ tenant, id: runId, only })}
          >
            <RotateCcwIcon aria-hidden /> {only === 'failed' ? 'Re-run failed' : 'Re-run all'}
          </Button>
        ))}
    </>
  )
}
