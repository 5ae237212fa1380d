'use client'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import type { DataTableFilter } from '@/components/data-table/data-table-toolbar'
import { Badge } from '@/components/ui/badge'
import type { AuditRow } from '@/lib/audit/queries'
import { auditTable } from '@/lib/audit/table'
import { formatDateTime } from '@/lib/format'

const col = createDataTableColumnHelper<AuditRow>()

const columns = col.columns([
  col.accessor('createdAt', { header: 'When', cell: (c) => formatDateTime(c.getValue()), meta: { sortDescFirst: true } }),
  col.accessor('action', {
    header: 'Action',
    cell: (c) => (
      <Badge variant={/denied|failed|locked/.test(c.getValue()) ? 'destructive' : 'outline'}>{c.getValue()}</Badge>
    ),
  }),
  col.accessor('actorLabel', {
    header: 'Who',
    cell: (c) => c.getValue() ?? <span className="text-muted-foreground">{c.row.original.actorType}</span>,
  }),
  col.accessor('tenantSlug', { header: 'Tenant', cell: (c) => c.getValue() ?? '—' }),
  col.display({
    id: 'target',
    header: 'Object',
    cell: (c) => {
      const r = c.row.original
      return r.targetType ? `${r.targetType} ${r.targetLabel ?? r.targetId ?? ''}` : '—'
    },
  }),
  col.accessor('detail', {
    header: 'Details',
    cell: (c) => <code className="block max-w-72 truncate text-xs" title={c.getValue() ?? ''}>{c.getValue() ?? ''}</code>,
  }),
  col.accessor('ip', { header: 'Source IP', cell: (c) => c.getValue() ?? '—' }),
])

const actionOptions = [
  'auth.',
  'setup.',
  'tenant.',
  'user.',
  'membership.',
  'member.',
  'target.',
  'proxy.',
  'script.',
  'danger_rule.',
].map((a) => ({
  value: a,
  label: a.slice(0, -1),
}))

/** The audit log table; tenant pages omit the tenant filter (their rows are one tenant's). */
export function AuditTable({
  rows,
  total,
  tenants,
}: {
  rows: AuditRow[]
  total: number
  tenants?: { slug: string; name: string }[]
}) {
  const filters: DataTableFilter<'tenant' | 'user' | 'action' | 'from' | 'to'>[] = [
    ...(tenants ? [{ id: 'tenant' as const, label: 'Tenant', options: tenants.map((t) => ({ value: t.slug, label: t.name })) }] : []),
    { id: 'user', label: 'User', type: 'text' },
    { id: 'action', label: 'Action', options: actionOptions },
    { id: 'from', label: 'From', type: 'date' },
    { id: 'to', label: 'To', type: 'date' },
  ]
  return (
    <DataTable
      caption="Audit events"
      columns={columns}
      data={rows}
      total={total}
      params={auditTable.parsers}
      getRowId={(r) => r.id}
      searchPlaceholder="Search object, user or action…"
      filters={filters}
      emptyMessage="No events match."
    />
  )
}
