// No 'use client': the run list pages parse these on the server, the run list table binds them.
import {
  defineTableParams,
  parseAsIsoDate,
  parseAsStringLiteral,
  type TableState,
} from '@/components/data-table/search-params'
import { runStatuses } from './statuses'

/** Who or what starts a run (Run.triggeredByType). */
export const runTriggerTypes = ['user', 'schedule', 'token', 'webhook'] as const
export type RunTriggerType = (typeof runTriggerTypes)[number]

export const triggerLabels: Record<RunTriggerType, string> = {
  user: 'User',
  schedule: 'Schedule',
  token: 'API token',
  webhook: 'Webhook',
}

/**
 * The URL of every run list (tenant-wide, a script's, a task's): newest first; `from`/`to`
 * are UTC days bounding when a run was queued, `to` included.
 */
export const runListParams = defineTableParams({
  sortable: ['createdAt', 'startedAt', 'finishedAt'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: {
    status: parseAsStringLiteral(runStatuses),
    by: parseAsStringLiteral(runTriggerTypes),
    from: parseAsIsoDate,
    to: parseAsIsoDate,
  },
})

export type RunListState = TableState<typeof runListParams>
