'use client'
import { useMemo } from 'react'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { Badge } from '@/components/ui/badge'
import { dangerActions } from '@/lib/danger-rules/check'
import type { RuleRow } from '@/lib/danger-rules/queries'
import { dangerActionLabels } from '@/lib/danger-rules/schema'
import { ruleTable } from '@/lib/danger-rules/table'
import { DeleteRuleButton } from './delete-rule-button'
import { EditRuleDialog } from './edit-rule-dialog'
import { RuleEnabledSwitch } from './rule-enabled-switch'

const col = createDataTableColumnHelper<RuleRow>()

function columnsFor(tenant: string, canManage: boolean) {
  return col.columns([
    col.accessor('pattern', {
      header: 'Pattern',
      cell: (c) => <code className="font-mono text-xs break-all whitespace-normal">{c.getValue()}</code>,
      meta: { className: 'max-w-md' },
    }),
    col.accessor('action', {
      header: 'Level',
      cell: (c) => (
        <Badge variant={c.getValue() === 'block' ? 'destructive' : 'warning'}>{dangerActionLabels[c.getValue()]}</Badge>
      ),
    }),
    col.accessor('description', { header: 'Description', meta: { className: 'whitespace-normal' } }),
    col.accessor('enabled', {
      header: 'Enabled',
      cell: (c) =>
        canManage ? (
          <RuleEnabledSwitch tenant={tenant} rule={c.row.original} />
        ) : c.getValue() ? (
          <Badge variant="success">On</Badge>
        ) : (
          <Badge variant="secondary">Off</Badge>
        ),
    }),
    ...(canManage
      ? [
          col.display({
            id: 'actions',
            header: () => <span className="sr-only">Actions</span>,
            cell: (c) => (
              <div className="flex justify-end gap-1">
                <EditRuleDialog tenant={tenant} rule={c.row.original} />
                <DeleteRuleButton tenant={tenant} rule={c.row.original} />
              </div>
            ),
          }),
        ]
      : []),
  ])
}

export function RulesTable({
  rows,
  total,
  tenant,
  canManage,
}: {
  rows: RuleRow[]
  total: number
  tenant: string
  canManage: boolean
}) {
  const columns = useMemo(() => columnsFor(tenant, canManage), [tenant, canManage])
  return (
    <DataTable
      caption="Dangerous-command rules"
      columns={columns}
      data={rows}
      total={total}
      params={ruleTable.parsers}
      getRowId={(r) => r.id}
      searchPlaceholder="Search pattern or description…"
      filters={[
        {
          id: 'action',
          label: 'Level',
          options: dangerActions.map((a) => ({ value: a, label: dangerActionLabels[a] })),
        },
      ]}
      emptyMessage="No rules match."
    />
  )
}
