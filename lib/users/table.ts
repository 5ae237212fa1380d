import { parseAsString, parseAsStringLiteral } from 'nuqs/server'
import { defineTableParams, type TableState } from '@/components/data-table/search-params'

export const userTable = defineTableParams({
  sortable: ['name', 'email', 'createdAt'],
  defaultSort: 'name',
  filters: {
    tenant: parseAsString,
    status: parseAsStringLiteral(['active', 'disabled']),
    kind: parseAsStringLiteral(['system_admin', 'member']),
  },
})

export type UserTableState = TableState<typeof userTable>
