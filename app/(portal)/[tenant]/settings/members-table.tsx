'use client'
import { useMemo } from 'react'
import { useAction } from 'next-safe-action/hooks'
import { toast } from 'sonner'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { Badge } from '@/components/ui/badge'
import { NativeSelect } from '@/components/ui/native-select'
import { roleLabels, tenantRoles, type TenantRole } from '@/lib/auth/permissions'
import { formatDateTime } from '@/lib/format'
import { updateMemberAction } from '@/lib/members/actions'
import type { MemberRow } from '@/lib/members/queries'
import { memberTable } from '@/lib/members/table'
import { RemoveMemberButton } from './remove-member-button'

const col = createDataTableColumnHelper<MemberRow>()

function RoleSelect({ member, tenant }: { member: MemberRow; tenant: string }) {
  const update = useAction(updateMemberAction, {
    onSuccess: () => toast.success('Role changed'),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not change the role.'),
  })
  return (
    <NativeSelect
      aria-label={`Role of ${member.user.email}`}
      defaultValue={member.role}
      disabled={update.isPending}
      className="h-8 w-40"
      onChange={(e) => update.execute({ tenant, membershipId: member.id, role: e.target.value as TenantRole })}
    >
      {tenantRoles.map((r) => (
        <option key={r} value={r}>
          {roleLabels[r]}
        </option>
      ))}
    </NativeSelect>
  )
}

function columnsFor(tenant: string, canManage: boolean, selfId: string) {
  return col.columns([
    col.accessor((m) => m.user.name, { id: 'name', header: 'Name', cell: (c) => <span className="font-medium">{c.getValue()}</span> }),
    col.accessor((m) => m.user.email, { id: 'email', header: 'Email' }),
    col.accessor('role', {
      header: 'Role',
      cell: (c) =>
        canManage && c.row.original.user.id !== selfId ? (
          <RoleSelect member={c.row.original} tenant={tenant} />
        ) : (
          <Badge variant="outline">{roleLabels[c.getValue() as TenantRole] ?? c.getValue()}</Badge>
        ),
    }),
    col.accessor('createdAt', { header: 'Member since', cell: (c) => formatDateTime(c.getValue()), meta: { sortDescFirst: true } }),
    ...(canManage
      ? [
          col.display({
            id: 'actions',
            header: () => <span className="sr-only">Actions</span>,
            cell: (c) =>
              c.row.original.user.id === selfId ? null : <RemoveMemberButton member={c.row.original} tenant={tenant} />,
          }),
        ]
      : []),
  ])
}

export function MembersTable({
  rows,
  total,
  tenant,
  canManage,
  selfId,
}: {
  rows: MemberRow[]
  total: number
  tenant: string
  canManage: boolean
  selfId: string
}) {
  const columns = useMemo(() => columnsFor(tenant, canManage, selfId), [tenant, canManage, selfId])
  return (
    <DataTable
      caption="Members"
      columns={columns}
      data={rows}
      total={total}
      params={memberTable.parsers}
      getRowId={(r) => r.id}
      searchPlaceholder="Search by name or email…"
      filters={[{ id: 'role', label: 'Role', options: tenantRoles.map((r) => ({ value: r, label: roleLabels[r] })) }]}
      emptyMessage="No members match."
    />
  )
}
