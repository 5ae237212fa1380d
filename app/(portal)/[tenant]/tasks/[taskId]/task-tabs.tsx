import { LinkTabs } from '@/components/portal/link-tabs'
import type { TaskTab } from './search-params'

export function TaskTabs({ base, current }: { base: string; current: TaskTab }) {
  return (
    <LinkTabs
      label="Task sections"
      base={base}
      current={current}
      tabs={[
        { id: 'overview', label: 'Overview' },
        { id: 'targets', label: 'Targets' },
        { id: 'runs', label: 'Runs' },
      ]}
    />
  )
}
