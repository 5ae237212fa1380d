'use client'
import { useMemo } from 'react'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { CopyButton } from '@/components/ui/copy-button'
import { formatDateTime } from '@/lib/format'
import type { WebhookRow } from '@/lib/webhooks/queries'
import { webhookTable } from '@/lib/webhooks/table'
import { hookUrl } from '@/lib/webhooks/url'
import { DeleteWebhookButton } from './delete-webhook-button'
import { RotateSecretButton } from './rotate-secret-button'
import { WebhookEnabledSwitch } from './webhook-enabled-switch'

const col = createDataTableColumnHelper<WebhookRow>()
const nameOf = (row: WebhookRow) => row.name || 'Webhook'

function columnsFor(tenant: string, origin: string) {
  return col.columns([
    col.accessor('name', {
      header: 'Name',
      cell: (c) => <span className="font-medium">{nameOf(c.row.original)}</span>,
    }),
    col.display({
      id: 'url',
      header: 'URL',
      cell: (c) => {
        const url = hookUrl(origin, c.row.original.id)
        return (
          <div className="flex items-center gap-2">
            <code className="font-mono text-xs">{url}</code>
            <CopyButton text={url} label={`Copy URL: ${nameOf(c.row.original)}`} />
          </div>
        )
      },
    }),
    col.accessor('createdAt', {
      header: 'Created',
      cell: (c) => formatDateTime(c.getValue()),
      meta: { sortDescFirst: true },
    }),
    col.accessor('lastUsedAt', {
      header: 'Last used',
      cell: (c) => (c.getValue() ? formatDateTime(c.getValue()) : 'Never'),
      meta: { sortDescFirst: true },
    }),
    col.accessor('enabled', {
      header: 'Enabled',
      cell: (c) => <WebhookEnabledSwitch tenant={tenant} webhook={c.row.original} name={nameOf(c.row.original)} />,
    }),
    col.display({
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      cell: (c) => (
        <div className="flex justify-end gap-1">
          <RotateSecretButton tenant={tenant} webhookId={c.row.original.id} name={nameOf(c.row.original)} />
          <DeleteWebhookButton tenant={tenant} webhookId={c.row.original.id} name={nameOf(c.row.original)} />
        </div>
      ),
    }),
  ])
}

export function WebhooksTable({
  rows,
  total,
  tenant,
  origin,
}: {
  rows: WebhookRow[]
  total: number
  tenant: string
  /** Where this Fanout is reached (lib/webhooks/url publicOrigin). */
  origin: string
}) {
  const columns = useMemo(() => columnsFor(tenant, origin), [tenant, origin])
  return (
    <DataTable
      caption="Webhooks"
      columns={columns}
      data={rows}
      total={total}
      params={webhookTable.parsers}
      getRowId={(r) => r.id}
      searchPlaceholder="Search by name…"
      emptyMessage="No webhooks yet. A webhook lets CI or a ticket system run this task."
    />
  )
}
