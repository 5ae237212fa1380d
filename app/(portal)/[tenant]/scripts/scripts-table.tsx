'use client'
import Link from 'next/link'
import { useMemo } from 'react'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { RunScriptDialog } from '@/components/runs/run-script-dialog'
import { Badge } from '@/components/ui/badge'
import { formatDateTime } from '@/lib/format'
import { languageLabels, scriptLanguages } from '@/lib/scripts/languages'
import type { ScriptRow } from '@/lib/scripts/queries'
import { scriptTable } from '@/lib/scripts/table'

const col = createDataTableColumnHelper<ScriptRow>()

function columnsFor(tenant: string, canRun: boolean) {
  return col.columns([
    col.accessor('name', {
      header: 'Name',
      cell: (c) => (
        <div className="grid max-w-md gap-0.5">
          <Link href={`/${tenant}/scripts/${c.row.original.id}`} className="font-medium hover:underline">
            {c.getValue()}
          </Link>
          {c.row.original.description && (
            <span className="truncate text-xs text-muted-foreground">{c.row.original.description}</span>
          )}
        </div>
      ),
    }),
    col.accessor('language', {
      header: 'Language',
      cell: (c) => <Badge variant="outline">{languageLabels[c.getValue()] ?? c.getValue()}</Badge>,
    }),
    col.accessor('latestVersion', {
      header: 'Version',
      cell: (c) => <span className="tabular-nums">v{c.getValue()}</span>,
      meta: { align: 'end' },
    }),
    col.accessor((s) => s.createdBy?.name ?? '—', { id: 'creator', header: 'Created by' }),
    col.accessor('updatedAt', {
      header: 'Updated',
      cell: (c) => formatDateTime(c.getValue()),
      meta: { sortDescFirst: true },
    }),
    ...(canRun
      ? [
          col.display({
            id: 'actions',
            header: () => <span className="sr-only">Actions</span>,
            cell: (c) => <RunScriptDialog tenant={tenant} scriptId={c.row.original.id} compact />,
          }),
        ]
      : []),
  ])
}

export function ScriptsTable({
  rows,
  total,
  tenant,
  creators,
  canRun,
}: {
  rows: ScriptRow[]
  total: number
  tenant: string
  creators: { id: string; name: string }[]
  canRun: boolean
}) {
  const columns = useMemo(() => columnsFor(tenant, canRun), [tenant, canRun])
  return (
    <DataTable
      caption="Scripts"
      columns={columns}
      data={rows}
      total={total}
      params={scriptTable.parsers}
      getRowId={(r) => r.id}
      searchPlaceholder="Search by name…"
      filters={[
        {
          id: 'language',
          label: 'Language',
          options: scriptLanguages.map((l) => ({ value: l, label: languageLabels[l] })),
        },
        { id: 'creator', label: 'Created by', options: creators.map((u) => ({ value: u.id, label: u.name })) },
      ]}
      emptyMessage="No scripts match."
    />
  )
}
