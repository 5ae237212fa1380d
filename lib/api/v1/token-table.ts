import { parseAsStringLiteral } from 'nuqs/server'
import { defineTableParams, type TableState } from '@/components/data-table/search-params'

export const tokenStates = ['active', 'revoked'] as const

/** The settings page's token list: newest first. */
export const tokenTable = defineTableParams({
  sortable: ['name', 'createdAt', 'expiresAt', 'lastUsedAt'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: { state: parseAsStringLiteral(tokenStates) },
})

export type TokenTableState = TableState<typeof tokenTable>
