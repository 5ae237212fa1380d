import { Skeleton } from '@/components/ui/skeleton'
import { cn } from '@/lib/utils'

/** Stands in for the editor while the Monaco chunk downloads; takes the editor's box. */
function EditorSkeleton({ className }: { className?: string }) {
  return (
    <div role="status" aria-live="polite" className={cn('size-full p-3', className)}>
      <span className="sr-only">Loading editor…</span>
      <div className="flex flex-col gap-2">
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-4 w-1/2" />
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-4 w-1/3" />
      </div>
    </div>
  )
}

export { EditorSkeleton }
