import { parseAsStringLiteral } from 'nuqs/server'
import { defineTableParams, type TableState } from '@/components/data-table/search-params'
import { notifyStatuses, type NotifyStatus } from './policy'

// No server imports: the notices page parses with `cache`, its table binds the same parsers.

/** A notice's kind names the run status it reports: "run.failed", "run.timed_out", … */
export const noticeKinds = notifyStatuses.map((s) => `run.${s}` as const)
export type NoticeKind = (typeof noticeKinds)[number]

/** The run status a notice kind reports, or null for a kind this version does not know. */
export function noticeStatus(kind: string): NotifyStatus | null {
  const status = kind.startsWith('run.') ? kind.slice(4) : ''
  return (notifyStatuses as readonly string[]).includes(status) ? (status as NotifyStatus) : null
}

export const noticeStates = ['unread', 'read'] as const

export const noticeTable = defineTableParams({
  sortable: ['createdAt', 'title', 'kind'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: {
    state: parseAsStringLiteral(noticeStates),
    kind: parseAsStringLiteral(noticeKinds),
  },
})

export type NoticeTableState = TableState<typeof noticeTable>
