import { parseAsString, parseAsStringLiteral } from 'nuqs/server'
import { defineTableParams, type TableState } from '@/components/data-table/search-params'
import { endpointStatuses } from './schema'

export const targetTable = defineTableParams({
  sortable: ['name', 'host', 'status', 'lastCheckedAt'],
  defaultSort: 'name',
  filters: {
    status: parseAsStringLiteral(endpointStatuses),
    label: parseAsString,
    proxy: parseAsString,
  },
})
export type TargetTableState = TableState<typeof targetTable>

export const proxyTable = defineTableParams({
  sortable: ['name', 'host', 'status', 'lastCheckedAt'],
  defaultSort: 'name',
  filters: { status: parseAsStringLiteral(endpointStatuses) },
})
export type ProxyTableState = TableState<typeof proxyTable>
