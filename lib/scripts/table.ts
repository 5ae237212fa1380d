import { parseAsString, parseAsStringLiteral } from 'nuqs/server'
import { defineTableParams, type TableState } from '@/components/data-table/search-params'
import { scriptLanguages } from './languages'

export const scriptTable = defineTableParams({
  sortable: ['name', 'language', 'updatedAt'],
  defaultSort: 'name',
  filters: { language: parseAsStringLiteral(scriptLanguages), creator: parseAsString },
})

export type ScriptTableState = TableState<typeof scriptTable>
