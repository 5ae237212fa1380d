import Link from 'next/link'
import type { ReactNode } from 'react'
import { cn } from '@/lib/utils'

/**
 * Tabs as links, so every tab is a URL that can be bookmarked and shared. The first tab is
 * the page itself; the others add `?tab=<id>`.
 */
export function LinkTabs<T extends string>({
  label,
  base,
  current,
  tabs,
}: {
  /** Names the navigation for screen readers, e.g. "Script sections". */
  label: string
  base: string
  current: T
  tabs: { id: T; label: ReactNode }[]
}) {
  return (
    <nav aria-label={label} className="mb-6 flex gap-1 border-b">
      {tabs.map((tab, i) => (
        <Link
          key={tab.id}
          href={i === 0 ? base : `${base}?tab=${tab.id}`}
          aria-current={tab.id === current ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring',
            tab.id === current ? 'border-primary font-medium text-foreground' : 'border-transparent',
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  )
}
