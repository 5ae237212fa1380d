import { defineTableParams, type TableState } from '@/components/data-table/search-params'

export const accountTable = defineTableParams({
  sortable: ['name', 'description', 'createdAt'],
  defaultSort: 'name',
})

export type AccountTableState = TableState<typeof accountTable>
