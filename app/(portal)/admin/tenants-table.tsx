'use client'
import Link from 'next/link'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { Badge } from '@/components/ui/badge'
import { formatDateTime } from '@/lib/format'
import type { TenantRow } from '@/lib/tenants/queries'
import { tenantTable } from '@/lib/tenants/table'
import { EditTenantDialog } from './tenant-dialogs'

const col = createDataTableColumnHelper<TenantRow>()
const columns = col.columns([
  col.accessor('name', {
    header: 'Name',
    cell: (c) => (
      <Link href={`/${c.row.original.slug}`} className="font-medium hover:underline">
        {c.getValue()}
      </Link>
    ),
  }),
  col.accessor('slug', { header: 'Slug', cell: (c) => <code className="text-xs">{c.getValue()}</code> }),
  col.accessor('members', { header: 'Members', meta: { align: 'end' } }),
  col.accessor('disabled', {
    header: 'Status',
    cell: (c) => (c.getValue() ? <Badge variant="secondary">Disabled</Badge> : <Badge variant="success">Active</Badge>),
  }),
  col.accessor('createdAt', { header: 'Created', cell: (c) => formatDateTime(c.getValue()), meta: { sortDescFirst: true } }),
  col.display({ id: 'actions', header: () => <span className="sr-only">Actions</span>, cell: (c) => <EditTenantDialog tenant={c.row.original} /> }),
])

export function TenantsTable({ rows, total }: { rows: TenantRow[]; total: number }) {
  return (
    <DataTable
      caption="Tenants"
      columns={columns}
      data={rows}
      total={total}
      params={tenantTable.parsers}
      getRowId={(r) => r.id}
      searchPlaceholder="Search by name or slug…"
      filters={[
        { id: 'status', label: 'Status', options: [{ value: 'active', label: 'Active' }, { value: 'disabled', label: 'Disabled' }] },
      ]}
      emptyMessage="No tenants match."
    />
  )
}
