import { LinkTabs } from '@/components/portal/link-tabs'
import type { TaskTab } from './search-params'

/** `webhooks`: show the Webhooks tab (tenant admins). */
export function TaskTabs({ base, current, webhooks }: { base: string; current: TaskTab; webhooks: boolean }) {
  return (
    <LinkTabs
      label="Task sections"
      base={base}
      current={current}
      tabs={[
        { id: 'overview', label: 'Overview' },
        { id: 'targets', label: 'Targets' },
        { id: 'runs', label: 'Runs' },
        ...(webhooks ? [{ id: 'webhooks' as const, label: 'Webhooks' }] : []),
      ]}
    />
  )
}
