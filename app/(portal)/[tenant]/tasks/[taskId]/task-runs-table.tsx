'use client'
import Link from 'next/link'
import { createContext, use } from 'react'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { RunStatusBadge } from '@/components/runs/run-status-badge'
import { formatDateTime } from '@/lib/format'
import { runStatuses, statusLabels } from '@/lib/runs/statuses'
import type { TaskRunRow } from '@/lib/tasks/runs'
import { taskRunTable } from './search-params'

/** A run of the task, with its duration worked out by the server (a live run's grows). */
export type TaskRunListRow = TaskRunRow & { duration: string }

const BaseContext = createContext('')

function RunCell({ row }: { row: TaskRunListRow }) {
  const base = use(BaseContext)
  return (
    <Link href={`${base}/runs/${row.id}`} className="font-mono text-xs hover:underline">
      {row.id}
    </Link>
  )
}

const col = createDataTableColumnHelper<TaskRunListRow>()
const columns = col.columns([
  col.display({ id: 'run', header: 'Run', cell: (c) => <RunCell row={c.row.original} /> }),
  col.accessor('status', { header: 'Status', cell: (c) => <RunStatusBadge status={c.getValue()} /> }),
  col.accessor('createdAt', {
    header: 'Queued',
    cell: (c) => formatDateTime(c.getValue()),
    meta: { sortDescFirst: true },
  }),
  col.accessor('startedAt', {
    header: 'Started',
    cell: (c) => formatDateTime(c.getValue()),
    meta: { sortDescFirst: true },
  }),
  col.accessor('finishedAt', {
    header: 'Finished',
    cell: (c) => formatDateTime(c.getValue()),
    meta: { sortDescFirst: true },
  }),
  col.accessor('duration', {
    header: 'Duration',
    cell: (c) => <span className="tabular-nums">{c.getValue()}</span>,
    meta: { align: 'end' },
  }),
  col.accessor((r) => r.triggeredByLabel ?? r.triggeredByType, { id: 'executedBy', header: 'Executed by' }),
])

const filters = [
  { id: 'status', label: 'Status', options: runStatuses.map((s) => ({ value: s, label: statusLabels[s] })) },
] as const

/** The Runs tab: this task's runs, newest first, searchable by run id. */
export function TaskRunsTable({ base, rows, total }: { base: string; rows: TaskRunListRow[]; total: number }) {
  return (
    <BaseContext value={base}>
      <DataTable
        caption="Runs"
        columns={columns}
        data={rows}
        total={total}
        params={taskRunTable.parsers}
        getRowId={(r) => r.id}
        searchPlaceholder="Search by run id…"
        filters={filters}
        emptyMessage="No runs yet."
      />
    </BaseContext>
  )
}
