'use client'
import Link from 'next/link'
import { createContext, use, useMemo } from 'react'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { CheckButton } from '@/components/targets/check-button'
import { StatusBadge } from '@/components/targets/status-badge'
import { Badge } from '@/components/ui/badge'
import { formatDateTime } from '@/lib/format'
import type { TargetRow } from '@/lib/targets/queries'
import { endpointStatuses, statusLabels } from '@/lib/targets/schema'
import { targetTable } from '@/lib/targets/table'

const TableContext = createContext({ tenant: '', canCheck: false })

function NameCell({ row }: { row: TargetRow }) {
  const { tenant } = use(TableContext)
  return (
    <Link href={`/${tenant}/targets/${row.id}`} className="font-medium hover:underline">
      {row.name}
    </Link>
  )
}

function RowCheck({ row }: { row: TargetRow }) {
  const { tenant, canCheck } = use(TableContext)
  return canCheck ? <CheckButton tenant={tenant} kind="target" ids={[row.id]} label="Test" variant="ghost" /> : null
}

const col = createDataTableColumnHelper<TargetRow>()
const columns = col.columns([
  col.accessor('name', { header: 'Name', cell: (c) => <NameCell row={c.row.original} /> }),
  col.accessor('host', { header: 'Address', cell: (c) => <code className="text-xs">{`${c.row.original.username}@${c.getValue()}:${c.row.original.port}`}</code> }),
  col.accessor((t) => t.proxy?.name ?? '', { id: 'proxy', header: 'Proxy', cell: (c) => c.getValue() || '—' }),
  col.accessor('labels', {
    header: 'Labels',
    cell: (c) => (
      <div className="flex flex-wrap gap-1">
        {c.getValue().map((l) => (
          <Badge key={l} variant="outline">
            {l}
          </Badge>
        ))}
      </div>
    ),
  }),
  col.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  col.accessor('lastCheckedAt', { header: 'Last check', cell: (c) => formatDateTime(c.getValue()), meta: { sortDescFirst: true } }),
  col.display({ id: 'actions', header: () => <span className="sr-only">Actions</span>, cell: (c) => <RowCheck row={c.row.original} /> }),
])

export function TargetsTable({
  tenant,
  rows,
  total,
  labels,
  proxies,
  canCheck,
}: {
  tenant: string
  rows: TargetRow[]
  total: number
  labels: string[]
  proxies: { id: string; name: string }[]
  canCheck: boolean
}) {
  const context = useMemo(() => ({ tenant, canCheck }), [tenant, canCheck])
  return (
    <TableContext value={context}>
      <DataTable
        caption="Targets"
        columns={columns}
        data={rows}
        total={total}
        params={targetTable.parsers}
        getRowId={(r) => r.id}
        searchPlaceholder="Search by name or host…"
        filters={[
          { id: 'status', label: 'Status', options: endpointStatuses.map((s) => ({ value: s, label: statusLabels[s] })) },
          { id: 'label', label: 'Label', options: labels.map((l) => ({ value: l, label: l })) },
          { id: 'proxy', label: 'Proxy', options: [{ value: 'none', label: 'Direct' }, ...proxies.map((p) => ({ value: p.id, label: p.name }))] },
        ]}
        toolbar={
          canCheck && rows.length > 0 ? (
            <CheckButton tenant={tenant} kind="target" ids={rows.map((r) => r.id)} label={`Test ${rows.length} shown`} />
          ) : null
        }
        emptyMessage="No targets match."
      />
    </TableContext>
  )
}
