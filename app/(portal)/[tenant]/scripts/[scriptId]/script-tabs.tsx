import { LinkTabs } from '@/components/portal/link-tabs'
import type { ScriptTab } from './search-params'

export function ScriptTabs({ base, current, versions }: { base: string; current: ScriptTab; versions: number }) {
  return (
    <LinkTabs
      label="Script sections"
      base={base}
      current={current}
      tabs={[
        { id: 'script', label: 'Script' },
        {
          id: 'history',
          label: (
            <>
              History<span className="ml-1.5 text-xs text-muted-foreground tabular-nums">{versions}</span>
            </>
          ),
        },
        { id: 'runs', label: 'Runs' },
      ]}
    />
  )
}
