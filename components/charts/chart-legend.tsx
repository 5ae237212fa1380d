import { cn } from '@/lib/utils'

export interface LegendEntry {
  key: string
  label: string
  /** A background class for the swatch (bg-success, bg-destructive, …): theme colours. */
  swatch: string
}

/** What each colour of a chart means. */
export function ChartLegend({ entries }: { entries: LegendEntry[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-label="Legend">
      {entries.map((e) => (
        <li key={e.key} className="flex items-center gap-1.5">
          <span aria-hidden className={cn('size-2.5 rounded-sm', e.swatch)} />
          {e.label}
        </li>
      ))}
    </ul>
  )
}
