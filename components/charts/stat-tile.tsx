import type { ReactNode } from 'react'
import { cn } from '@/lib/utils'

/**
 * One headline figure: its label, the value, and a line of detail (what it is computed over).
 * A group named by its label, so it reads as "Success rate, 57%, of 7 finished runs".
 */
export function StatTile({
  label,
  value,
  detail,
  className,
}: {
  label: string
  value: ReactNode
  detail?: ReactNode
  className?: string
}) {
  return (
    <div
      role="group"
      aria-label={label}
      className={cn('grid gap-1 rounded-xl border bg-card p-4 shadow-sm', className)}
    >
      <p className="text-sm text-muted-foreground">{label}</p>
      <p className="text-2xl font-semibold tracking-tight tabular-nums">{value}</p>
      {detail && <p className="text-xs text-muted-foreground">{detail}</p>}
    </div>
  )
}
