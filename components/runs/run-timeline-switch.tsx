'use client'
import { ChartGanttIcon, ListIcon } from 'lucide-react'
import { useQueryStates } from 'nuqs'
import { runViewParams } from '@/lib/runs/view-params'
import { cn } from '@/lib/utils'
import { RunTimeline } from './run-timeline'

const views = [
  { id: 'results', label: 'Results', Icon: ListIcon },
  { id: 'timeline', label: 'Timeline', Icon: ChartGanttIcon },
] as const

/** Results or Timeline, as the URL says: the results (its children) or every target's timeline. */
export function RunTimelineSwitch({ steps, children }: { steps: string[]; children: React.ReactNode }) {
  const [{ view }, setView] = useQueryStates(runViewParams, { history: 'push' })
  return (
    <div className="grid gap-4">
      <div role="group" aria-label="View" className="flex w-fit gap-1 rounded-lg border p-1">
        {views.map(({ id, label, Icon }) => (
          <button
            key={id}
            type="button"
            aria-pressed={view === id}
            onClick={() => void setView({ view: id === 'results' ? null : id })}
            className={cn(
              'flex items-center gap-1.5 rounded-md px-3 py-1 text-sm text-muted-foreground hover:text-foreground [&>svg]:size-4',
              view === id && 'bg-accent font-medium text-foreground',
            )}
          >
            <Icon aria-hidden /> {label}
          </button>
        ))}
      </div>
      {view === 'timeline' ? <RunTimeline steps={steps} /> : children}
    </div>
  )
}
