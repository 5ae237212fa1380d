import Link from 'next/link'
import type { ReactNode } from 'react'
import { cn } from '@/lib/utils'

export interface BarListItem {
  key: string
  label: string
  value: number
  /** The item's page; the label becomes a link to it. */
  href?: string
  /** A background class for the bar (bg-destructive, …); the list's default otherwise. */
  swatch?: string
  /** A short note after the label, e.g. "deleted". */
  note?: string
}

/**
 * A ranked list with a bar per item, longest for the largest value: "most failing targets",
 * "targets by status". The labels and numbers are text, so the list is its own textual
 * fallback; the bars are decoration for the eye and hidden from screen readers.
 */
export function BarList({
  label,
  items,
  formatValue = String,
  swatch = 'bg-primary/60',
  empty = 'Nothing to show.',
}: {
  /** Names the list for assistive technology. */
  label: string
  items: BarListItem[]
  formatValue?: (value: number) => ReactNode
  swatch?: string
  empty?: ReactNode
}) {
  if (items.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>
  const max = Math.max(...items.map((i) => i.value), 1)
  return (
    <ul aria-label={label} className="grid gap-2 text-sm">
      {items.map((item) => (
        <li key={item.key} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1">
          <span className="truncate">
            {item.href ? (
              <Link
                href={item.href}
                className="rounded-sm underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
              >
                {item.label}
              </Link>
            ) : (
              item.label
            )}
            {item.note && <span className="ml-2 text-xs text-muted-foreground">{item.note}</span>}
          </span>
          <span className="text-right font-medium tabular-nums">{formatValue(item.value)}</span>
          <span aria-hidden className="col-span-2 h-1.5 overflow-hidden rounded-full bg-muted">
            <span
              className={cn('block h-full rounded-full', item.swatch ?? swatch)}
              style={{ width: `${(item.value / max) * 100}%` }}
            />
          </span>
        </li>
      ))}
    </ul>
  )
}
