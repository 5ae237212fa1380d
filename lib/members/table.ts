import { parseAsStringLiteral } from 'nuqs/server'
import { defineTableParams, type TableState } from '@/components/data-table/search-params'
import { tenantRoles } from '@/lib/auth/permissions'

export const memberTable = defineTableParams({
  sortable: ['name', 'email', 'role', 'createdAt'],
  defaultSort: 'name',
  filters: { role: parseAsStringLiteral(tenantRoles) },
})

export type MemberTableState = TableState<typeof memberTable>
