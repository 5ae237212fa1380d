'use client'
import Link from 'next/link'
import { createContext, use } from 'react'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { StatusBadge } from '@/components/targets/status-badge'
import type { TaskDetail } from '@/lib/tasks/queries'
import { taskTargetTable } from './search-params'

type TargetRow = TaskDetail['targets'][number]

const TenantContext = createContext('')

function NameCell({ row }: { row: TargetRow }) {
  const tenant = use(TenantContext)
  return (
    <Link href={`/${tenant}/targets/${row.id}`} className="font-medium hover:underline">
      {row.name}
    </Link>
  )
}

const col = createDataTableColumnHelper<TargetRow>()
const columns = col.columns([
  col.accessor('name', { header: 'Name', cell: (c) => <NameCell row={c.row.original} /> }),
  col.accessor('host', {
    header: 'Address',
    cell: (c) => <code className="text-xs">{`${c.getValue()}:${c.row.original.port}`}</code>,
  }),
  col.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
])

export function TaskTargetsTable({ tenant, rows, total }: { tenant: string; rows: TargetRow[]; total: number }) {
  return (
    <TenantContext value={tenant}>
      <DataTable
        caption="Targets picked by name"
        columns={columns}
        data={rows}
        total={total}
        params={taskTargetTable.parsers}
        getRowId={(r) => r.id}
        searchPlaceholder="Search by name or address…"
        emptyMessage="No target picked by name matches."
      />
    </TenantContext>
  )
}
