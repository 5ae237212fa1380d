import { parseAsStringLiteral } from 'nuqs/server'
import { defineTableParams, type TableState } from '@/components/data-table/search-params'
import { runStatuses } from '@/lib/runs/statuses'
import { taskTypes } from './schema'

export const taskStates = ['enabled', 'stopped'] as const

export const taskTable = defineTableParams({
  sortable: ['name', 'type', 'nextRunAt', 'createdAt'],
  defaultSort: 'name',
  filters: {
    type: parseAsStringLiteral(taskTypes),
    state: parseAsStringLiteral(taskStates),
    last: parseAsStringLiteral(runStatuses),
  },
})

export type TaskTableState = TableState<typeof taskTable>
