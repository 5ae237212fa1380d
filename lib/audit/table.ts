import { parseAsIsoDate, parseAsString } from 'nuqs/server'
import { defineTableParams, type TableState } from '@/components/data-table/search-params'

export const auditTable = defineTableParams({
  sortable: ['createdAt', 'action'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  perPage: 50,
  filters: {
    tenant: parseAsString,
    user: parseAsString,
    action: parseAsString,
    from: parseAsIsoDate,
    to: parseAsIsoDate,
  },
})

export type AuditTableState = TableState<typeof auditTable>
