'use client'
import Link from 'next/link'
import { createContext, use } from 'react'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { StatusBadge } from '@/components/targets/status-badge'
import { formatDateTime } from '@/lib/format'
import type { ProxyRow } from '@/lib/targets/proxy-queries'
import { endpointStatuses, statusLabels } from '@/lib/targets/schema'
import { proxyTable } from '@/lib/targets/table'

const TenantSlug = createContext('')

function NameCell({ row }: { row: ProxyRow }) {
  const tenant = use(TenantSlug)
  return (
    <Link href={`/${tenant}/proxies/${row.id}`} className="font-medium hover:underline">
      {row.name}
    </Link>
  )
}

const col = createDataTableColumnHelper<ProxyRow>()
const columns = col.columns([
  col.accessor('name', { header: 'Name', cell: (c) => <NameCell row={c.row.original} /> }),
  col.accessor('host', { header: 'Address', cell: (c) => <code className="text-xs">{`${c.row.original.username}@${c.getValue()}:${c.row.original.port}`}</code> }),
  col.accessor((p) => p.viaProxy?.name ?? '', { id: 'via', header: 'Behind', cell: (c) => c.getValue() || '—' }),
  col.accessor((p) => p._count.targets, { id: 'targets', header: 'Targets', meta: { align: 'end' } }),
  col.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  col.accessor('lastCheckedAt', { header: 'Last check', cell: (c) => formatDateTime(c.getValue()), meta: { sortDescFirst: true } }),
])

export function ProxiesTable({ tenant, rows, total }: { tenant: string; rows: ProxyRow[]; total: number }) {
  return (
    <TenantSlug value={tenant}>
      <DataTable
        caption="Proxies"
        columns={columns}
        data={rows}
        total={total}
        params={proxyTable.parsers}
        getRowId={(r) => r.id}
        searchPlaceholder="Search by name or host…"
        filters={[{ id: 'status', label: 'Status', options: endpointStatuses.map((s) => ({ value: s, label: statusLabels[s] })) }]}
        emptyMessage="No proxies match."
      />
    </TenantSlug>
  )
}
