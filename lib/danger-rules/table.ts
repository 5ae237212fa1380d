import { parseAsStringLiteral } from 'nuqs/server'
import { defineTableParams, type TableState } from '@/components/data-table/search-params'
import { dangerActions } from './check'

export const ruleTable = defineTableParams({
  sortable: ['pattern', 'action', 'description', 'createdAt'],
  defaultSort: 'createdAt',
  filters: { action: parseAsStringLiteral(dangerActions) },
})

export type RuleTableState = TableState<typeof ruleTable>
