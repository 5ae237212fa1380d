import { TriangleAlertIcon } from 'lucide-react'
import Link from 'next/link'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { runPath } from '@/lib/runs/paths'
import type { FailureStreak, TaskRunDuration } from '@/lib/tasks/insights'
import { DurationChart } from './duration-chart'

/** The task's recent runs at a glance: a warning while it keeps failing, and how long each run took. */
export function TaskRunInsights({
  tenant,
  taskId,
  runs,
  streak,
}: {
  tenant: string
  taskId: string
  runs: TaskRunDuration[]
  streak: FailureStreak | null
}) {
  return (
    <div className="grid gap-4">
      {streak && (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-2 rounded-lg border border-destructive/30 bg-destructive/10 px-4 py-3 text-sm text-destructive"
        >
          <TriangleAlertIcon aria-hidden className="size-4" />
          <span className="font-medium">The last {streak.count} runs failed.</span>
          <Link href={runPath(tenant, { id: streak.latestRunId, taskId })} className="underline underline-offset-2">
            Open the latest
          </Link>
        </div>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Recent runs</CardTitle>
        </CardHeader>
        <CardContent>
          <DurationChart tenant={tenant} taskId={taskId} runs={runs} />
        </CardContent>
      </Card>
    </div>
  )
}
