import { ConstructionIcon } from 'lucide-react'
import { PageHeader } from './page-header'

/** For sections the navigation already shows but that are not built yet: say so plainly. */
export function NotBuilt({ title, purpose }: { title: string; purpose: string }) {
  return (
    <>
      <PageHeader title={title} description={purpose} />
      <div className="flex items-center gap-3 rounded-lg border border-dashed p-8 text-muted-foreground">
        <ConstructionIcon aria-hidden className="size-5 shrink-0" />
        <p>This section is not built yet.</p>
      </div>
    </>
  )
}
