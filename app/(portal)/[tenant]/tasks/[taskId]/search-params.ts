// No 'use client': the page parses these, the tabs link to them, the tables bind them. The Runs
// tab is the shared run list (lib/runs/list-params.ts).
import { createSearchParamsCache, parseAsStringLiteral } from 'nuqs/server'
import { defineTableParams, type TableState } from '@/components/data-table/search-params'

export const taskTabs = ['overview', 'targets', 'runs', 'webhooks'] as const
export type TaskTab = (typeof taskTabs)[number]

export const taskPageParams = createSearchParamsCache({
  tab: parseAsStringLiteral(taskTabs).withDefault('overview'),
})

/** The Targets tab: the targets picked by id, searchable by name or address. */
export const taskTargetTable = defineTableParams({ sortable: ['name'], defaultSort: 'name' })
export type TaskTargetTableState = TableState<typeof taskTargetTable>
