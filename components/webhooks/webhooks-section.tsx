import type { WebhookRow } from '@/lib/webhooks/queries'
import { CreateWebhookDialog } from './create-webhook-dialog'
import { WebhooksTable } from './webhooks-table'

/** The task page's Webhooks tab (tenant admins): signed URLs that run the task. */
export function WebhooksSection({
  tenant,
  taskId,
  origin,
  rows,
  total,
}: {
  tenant: string
  taskId: string
  origin: string
  rows: WebhookRow[]
  total: number
}) {
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <p className="max-w-2xl text-sm text-muted-foreground">
          Each webhook is a URL that runs this task when it receives a POST signed with its secret (HMAC-SHA256 of the
          timestamp and the body). The JSON body may set parameter values; the answer names the run.
        </p>
        <CreateWebhookDialog tenant={tenant} taskId={taskId} />
      </div>
      <WebhooksTable rows={rows} total={total} tenant={tenant} origin={origin} />
    </div>
  )
}
