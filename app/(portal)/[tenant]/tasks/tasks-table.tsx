'use client'
import Link from 'next/link'
import { createContext, use } from 'react'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { RunStatusBadge } from '@/components/runs/run-status-badge'
import { Badge } from '@/components/ui/badge'
import { formatDateTime } from '@/lib/format'
import { runStatuses, statusLabels } from '@/lib/runs/statuses'
import type { TaskRow } from '@/lib/tasks/queries'
import { taskTypeLabels, taskTypes } from '@/lib/tasks/schema'
import { runPath } from '@/lib/runs/paths'
import { taskStates, taskTable } from '@/lib/tasks/table'

export type TaskListRow = TaskRow & { nextRun: string | null }

const TenantContext = createContext('')

function NameCell({ row }: { row: TaskListRow }) {
  const tenant = use(TenantContext)
  return (
    <div className="grid max-w-md gap-0.5">
      <Link href={`/${tenant}/tasks/${row.id}`} className="font-medium hover:underline">
        {row.name}
      </Link>
      {!row.enabled && <span className="text-xs text-muted-foreground">Stopped</span>}
    </div>
  )
}

function LastStatusCell({ row }: { row: TaskListRow }) {
  const tenant = use(TenantContext)
  if (!row.lastStatus || !row.lastRunId) return <span className="text-muted-foreground">—</span>
  return (
    <Link
      href={runPath(tenant, { id: row.lastRunId, taskId: row.id })}
      aria-label={`Last run: ${statusLabels[row.lastStatus as keyof typeof statusLabels] ?? row.lastStatus}`}
    >
      <RunStatusBadge status={row.lastStatus} />
    </Link>
  )
}

function WhatCell({ row }: { row: TaskListRow }) {
  const parts = [...new Set(row.scripts.map((s) => s.name))]
  if (row.files) parts.push(row.files === 1 ? '1 file step' : `${row.files} file steps`)
  if (row.confirmations) parts.push(row.confirmations === 1 ? '1 confirmation' : `${row.confirmations} confirmations`)
  return <span className="line-clamp-2 max-w-xs whitespace-normal">{parts.join(', ') || '—'}</span>
}

const col = createDataTableColumnHelper<TaskListRow>()
const columns = col.columns([
  col.accessor('name', { header: 'Name', cell: (c) => <NameCell row={c.row.original} /> }),
  col.accessor('type', {
    header: 'Type',
    cell: (c) => <Badge variant="outline">{taskTypeLabels[c.getValue()]}</Badge>,
  }),
  col.accessor('lastStatus', { header: 'Last status', cell: (c) => <LastStatusCell row={c.row.original} /> }),
  col.display({ id: 'scripts', header: 'Script(s)', cell: (c) => <WhatCell row={c.row.original} /> }),
  col.accessor('nextRunAt', {
    header: 'Next run',
    cell: (c) => <span className="tabular-nums">{c.row.original.nextRun ?? '—'}</span>,
  }),
  col.accessor((t) => t.createdBy?.name ?? '—', { id: 'creator', header: 'Created by' }),
  col.accessor('createdAt', {
    header: 'Created',
    cell: (c) => formatDateTime(c.getValue()),
    meta: { sortDescFirst: true },
  }),
])

const filters = [
  { id: 'type', label: 'Type', options: taskTypes.map((t) => ({ value: t, label: taskTypeLabels[t] })) },
  {
    id: 'state',
    label: 'State',
    options: taskStates.map((s) => ({ value: s, label: s === 'enabled' ? 'Enabled' : 'Stopped' })),
  },
  { id: 'last', label: 'Last status', options: runStatuses.map((s) => ({ value: s, label: statusLabels[s] })) },
] as const

export function TasksTable({ tenant, rows, total }: { tenant: string; rows: TaskListRow[]; total: number }) {
  return (
    <TenantContext value={tenant}>
      <DataTable
        caption="Tasks"
        columns={columns}
        data={rows}
        total={total}
        params={taskTable.parsers}
        getRowId={(r) => r.id}
        searchPlaceholder="Search by name…"
        filters={filters}
        emptyMessage="No tasks match."
      />
    </TenantContext>
  )
}
