'use client'
import { useMemo } from 'react'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { Badge } from '@/components/ui/badge'
import type { ApiTokenRow } from '@/lib/api/tokens'
import { tokenStates, tokenTable } from '@/lib/api/v1/token-table'
import { formatDateTime } from '@/lib/format'
import { RevokeTokenButton } from './revoke-token-button'

const col = createDataTableColumnHelper<ApiTokenRow>()

function TokenState({ token }: { token: ApiTokenRow }) {
  if (token.revokedAt) return <Badge variant="secondary">Revoked {formatDateTime(token.revokedAt)}</Badge>
  if (token.expired) return <Badge variant="warning">Expired</Badge>
  return <Badge variant="success">Active</Badge>
}

function columnsFor(tenant: string) {
  return col.columns([
    col.accessor('name', { header: 'Name', cell: (c) => <span className="font-medium">{c.getValue()}</span> }),
    col.accessor('prefix', {
      header: 'Token',
      cell: (c) => <code className="font-mono text-xs">{c.getValue()}…</code>,
    }),
    col.accessor('scopes', {
      header: 'Scopes',
      cell: (c) => (
        <div className="flex gap-1">
          {c.getValue().map((s) => (
            <Badge key={s} variant="outline">
              {s}
            </Badge>
          ))}
        </div>
      ),
    }),
    col.display({ id: 'state', header: 'State', cell: (c) => <TokenState token={c.row.original} /> }),
    col.accessor('createdBy', { header: 'Created by', cell: (c) => c.getValue() ?? '—' }),
    col.accessor('createdAt', {
      header: 'Created',
      cell: (c) => formatDateTime(c.getValue()),
      meta: { sortDescFirst: true },
    }),
    col.accessor('expiresAt', {
      header: 'Expires',
      cell: (c) => (c.getValue() ? formatDateTime(c.getValue()) : 'Never'),
    }),
    col.accessor('lastUsedAt', {
      header: 'Last used',
      cell: (c) => (c.getValue() ? formatDateTime(c.getValue()) : 'Never'),
      meta: { sortDescFirst: true },
    }),
    col.display({
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      cell: (c) => (c.row.original.revokedAt ? null : <RevokeTokenButton tenant={tenant} token={c.row.original} />),
    }),
  ])
}

export function TokensTable({ rows, total, tenant }: { rows: ApiTokenRow[]; total: number; tenant: string }) {
  const columns = useMemo(() => columnsFor(tenant), [tenant])
  return (
    <DataTable
      caption="API tokens"
      columns={columns}
      data={rows}
      total={total}
      params={tokenTable.parsers}
      getRowId={(r) => r.id}
      searchPlaceholder="Search name or prefix…"
      filters={[
        {
          id: 'state',
          label: 'State',
          options: tokenStates.map((s) => ({ value: s, label: s === 'active' ? 'Not revoked' : 'Revoked' })),
        },
      ]}
      emptyMessage="No API tokens yet."
    />
  )
}
