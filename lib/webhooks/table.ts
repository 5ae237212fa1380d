import { defineTableParams, type TableState } from '@/components/data-table/search-params'

/** The task page's Webhooks tab. */
export const webhookTable = defineTableParams({
  sortable: ['name', 'createdAt', 'lastUsedAt'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
})

export type WebhookTableState = TableState<typeof webhookTable>
