'use client'
import Link from 'next/link'
import { createContext, use } from 'react'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import type { DataTableFilter } from '@/components/data-table/data-table-toolbar'
import { formatDateTime } from '@/lib/format'
import type { RunListRow } from '@/lib/runs/list'
import { runListParams, runTriggerTypes, triggerLabels } from '@/lib/runs/list-params'
import { runPath } from '@/lib/runs/paths'
import { isLive, runStatuses, statusLabels } from '@/lib/runs/statuses'
import { LiveRefresh } from './live-refresh'
import { RunStatusBadge } from './run-status-badge'

const TenantContext = createContext('')

function RunCell({ row }: { row: RunListRow }) {
  const tenant = use(TenantContext)
  return (
    <div className="grid gap-0.5">
      <Link href={runPath(tenant, row)} className="font-mono text-xs hover:underline">
        {row.id}
      </Link>
      {row.rerunOfId && (
        <span className="text-xs text-muted-foreground">
          re-run of{' '}
          <Link href={runPath(tenant, { id: row.rerunOfId, taskId: row.taskId })} className="font-mono hover:underline">
            {row.rerunOfId}
          </Link>
        </span>
      )}
    </div>
  )
}

function TypeCell({ row }: { row: RunListRow }) {
  const tenant = use(TenantContext)
  if (!row.taskId) return 'Ad hoc'
  return (
    <span>
      Task:{' '}
      {row.taskName === null ? (
        <span className="text-muted-foreground">deleted task</span>
      ) : (
        <Link href={`/${tenant}/tasks/${row.taskId}`} className="hover:underline">
          {row.taskName}
        </Link>
      )}
    </span>
  )
}

function ExecutedByCell({ row }: { row: RunListRow }) {
  const type = triggerLabels[row.triggeredByType as keyof typeof triggerLabels] ?? row.triggeredByType
  const label = row.triggeredByLabel ?? type
  return (
    <div className="grid gap-0.5">
      <span>{label}</span>
      {label !== type && <span className="text-xs text-muted-foreground">{type}</span>}
    </div>
  )
}

const dateColumn = {
  cell: (c: { getValue: () => Date | null }) => formatDateTime(c.getValue()),
  meta: { sortDescFirst: true },
}

const col = createDataTableColumnHelper<RunListRow>()
const columns = col.columns([
  col.display({ id: 'run', header: 'Run', cell: (c) => <RunCell row={c.row.original} /> }),
  col.display({ id: 'type', header: 'Type', cell: (c) => <TypeCell row={c.row.original} /> }),
  col.accessor('title', {
    header: 'Script(s)',
    cell: (c) => <span className="line-clamp-2 max-w-xs whitespace-normal">{c.getValue() || '—'}</span>,
  }),
  col.accessor('status', { header: 'Status', cell: (c) => <RunStatusBadge status={c.getValue()} /> }),
  col.accessor('createdAt', { header: 'Queued', ...dateColumn }),
  col.accessor('startedAt', { header: 'Started', ...dateColumn }),
  col.accessor('finishedAt', { header: 'Finished', ...dateColumn }),
  col.accessor('duration', {
    header: 'Duration',
    cell: (c) => <span className="tabular-nums">{c.getValue()}</span>,
    meta: { align: 'end' },
  }),
  col.display({ id: 'executedBy', header: 'Executed by', cell: (c) => <ExecutedByCell row={c.row.original} /> }),
])

const filters: DataTableFilter<'status' | 'by' | 'from' | 'to'>[] = [
  { id: 'status', label: 'Status', options: runStatuses.map((s) => ({ value: s, label: statusLabels[s] })) },
  { id: 'by', label: 'Executed by', options: runTriggerTypes.map((t) => ({ value: t, label: triggerLabels[t] })) },
  { id: 'from', label: 'From (UTC)', type: 'date' },
  { id: 'to', label: 'To (UTC)', type: 'date' },
]

/**
 * THE run list: tenant-wide, a script's Runs tab and a task's all show this, bound to
 * runListParams. It refreshes itself while a run on the page is queued or running.
 */
export function RunListTable({ tenant, rows, total }: { tenant: string; rows: RunListRow[]; total: number }) {
  return (
    <TenantContext value={tenant}>
      <LiveRefresh active={rows.some((r) => isLive(r.status))} />
      <DataTable
        caption="Runs"
        columns={columns}
        data={rows}
        total={total}
        params={runListParams.parsers}
        getRowId={(r) => r.id}
        searchPlaceholder="Search by run id, script or who ran it…"
        filters={filters}
        emptyMessage="No runs to show."
      />
    </TenantContext>
  )
}
