'use client'
import Link from 'next/link'
import { useMemo } from 'react'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { ConfirmDeleteButton } from '@/components/forms/confirm-delete-button'
import { deleteAccountAction } from '@/lib/accounts/actions'
import type { AccountRow } from '@/lib/accounts/queries'
import { accountTable } from '@/lib/accounts/table'
import { AccountDialog } from './account-dialog'

const col = createDataTableColumnHelper<AccountRow>()

function columnsFor(tenant: string) {
  return col.columns([
    col.accessor('name', {
      header: 'User name',
      cell: (c) => <code className="font-mono font-medium">{c.getValue()}</code>,
    }),
    col.accessor('description', {
      header: 'Description',
      cell: (c) => c.getValue() || '—',
      meta: { className: 'whitespace-normal' },
    }),
    col.display({
      id: 'tasks',
      header: 'Used by',
      cell: (c) =>
        c.row.original.tasks.length === 0 ? (
          <span className="text-muted-foreground">No task</span>
        ) : (
          <span className="flex flex-wrap gap-x-2">
            {c.row.original.tasks.map((t) => (
              <Link key={t.id} href={`/${tenant}/tasks/${t.id}`} className="underline underline-offset-2">
                {t.name}
              </Link>
            ))}
          </span>
        ),
      meta: { className: 'whitespace-normal' },
    }),
    col.display({
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      cell: (c) => (
        <div className="flex justify-end gap-1">
          <AccountDialog tenant={tenant} account={c.row.original} />
          <ConfirmDeleteButton
            noun="account"
            name={c.row.original.name}
            description="Task steps can no longer run as this user. The user on the hosts is not touched."
            remove={() => deleteAccountAction({ tenant, accountId: c.row.original.id })}
            then={`/${tenant}/settings/accounts`}
          />
        </div>
      ),
    }),
  ])
}

export function AccountsTable({ rows, total, tenant }: { rows: AccountRow[]; total: number; tenant: string }) {
  const columns = useMemo(() => columnsFor(tenant), [tenant])
  return (
    <DataTable
      caption="Execution accounts"
      columns={columns}
      data={rows}
      total={total}
      params={accountTable.parsers}
      getRowId={(r) => r.id}
      searchPlaceholder="Search name or description…"
      emptyMessage="No execution accounts yet. Add one to let script steps run as it."
    />
  )
}
