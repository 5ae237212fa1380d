'use client'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { Badge } from '@/components/ui/badge'
import { roleLabels, type TenantRole } from '@/lib/auth/permissions'
import { formatDateTime } from '@/lib/format'
import type { UserRow } from '@/lib/users/queries'
import { userTable } from '@/lib/users/table'
import { EditUserDialog } from './edit-user-dialog'
import { MembershipsDialog, type TenantOption, TenantOptions } from './memberships-dialog'

const col = createDataTableColumnHelper<UserRow>()

// Module-level: the table renders cells as components, so new column functions on every
// server refresh would remount them (closing any dialog open in a row).
const columns = col.columns([
  col.accessor('name', { header: 'Name', cell: (c) => <span className="font-medium">{c.getValue()}</span> }),
  col.accessor('email', { header: 'Email' }),
  col.display({
    id: 'tenants',
    header: 'Tenants',
    cell: (c) => (
      <div className="flex flex-wrap gap-1">
        {c.row.original.isSystemAdmin && <Badge>System admin</Badge>}
        {c.row.original.memberships.map((m) => (
          <Badge key={m.tenant.id} variant="outline">
            {m.tenant.name}: {roleLabels[m.role as TenantRole] ?? m.role}
          </Badge>
        ))}
      </div>
    ),
  }),
  col.accessor('disabled', {
    header: 'Status',
    cell: (c) => (c.getValue() ? <Badge variant="secondary">Disabled</Badge> : <Badge variant="success">Active</Badge>),
  }),
  col.accessor('createdAt', {
    header: 'Created',
    cell: (c) => formatDateTime(c.getValue()),
    meta: { sortDescFirst: true },
  }),
  col.display({
    id: 'actions',
    header: () => <span className="sr-only">Actions</span>,
    cell: (c) => (
      <div className="flex justify-end gap-1">
        <MembershipsDialog user={c.row.original} />
        <EditUserDialog user={c.row.original} />
      </div>
    ),
  }),
])

export function UsersTable({ rows, total, tenants }: { rows: UserRow[]; total: number; tenants: TenantOption[] }) {
  return (
    <TenantOptions value={tenants}>
      <DataTable
        caption="Users"
        columns={columns}
        data={rows}
        total={total}
        params={userTable.parsers}
        getRowId={(r) => r.id}
        searchPlaceholder="Search by name or email…"
        filters={[
          { id: 'tenant', label: 'Tenant', options: tenants.map((t) => ({ value: t.slug, label: t.name })) },
          {
            id: 'kind',
            label: 'Kind',
            options: [
              { value: 'system_admin', label: 'System admins' },
              { value: 'member', label: 'Members' },
            ],
          },
          {
            id: 'status',
            label: 'Status',
            options: [
              { value: 'active', label: 'Active' },
              { value: 'disabled', label: 'Disabled' },
            ],
          },
        ]}
        emptyMessage="No users match."
      />
    </TenantOptions>
  )
}
