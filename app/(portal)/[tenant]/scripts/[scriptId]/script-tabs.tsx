import Link from 'next/link'
import { cn } from '@/lib/utils'
import type { ScriptTab } from './search-params'

const labels: Record<ScriptTab, string> = { script: 'Script', history: 'History', runs: 'Runs' }

/** Tabs as links, so every tab (and a comparison) is a URL that can be bookmarked and shared. */
export function ScriptTabs({ base, current, versions }: { base: string; current: ScriptTab; versions: number }) {
  return (
    <nav aria-label="Script sections" className="mb-6 flex gap-1 border-b">
      {(Object.keys(labels) as ScriptTab[]).map((tab) => (
        <Link
          key={tab}
          href={tab === 'script' ? base : `${base}?tab=${tab}`}
          aria-current={tab === current ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring',
            tab === current ? 'border-primary font-medium text-foreground' : 'border-transparent',
          )}
        >
          {labels[tab]}
          {tab === 'history' && <span className="ml-1.5 text-xs text-muted-foreground tabular-nums">{versions}</span>}
        </Link>
      ))}
    </nav>
  )
}
