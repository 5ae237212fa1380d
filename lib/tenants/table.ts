import { parseAsStringLiteral } from 'nuqs/server'
import { defineTableParams, type TableState } from '@/components/data-table/search-params'

export const tenantTable = defineTableParams({
  sortable: ['name', 'slug', 'createdAt'],
  defaultSort: 'name',
  filters: { status: parseAsStringLiteral(['active', 'disabled']) },
})

export type TenantTableState = TableState<typeof tenantTable>
