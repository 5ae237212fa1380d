import { useId } from 'react'
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card'
import { cn } from '@/lib/utils'

/** One panel of a dashboard: a region named by its heading, so it can be found by name. */
export function DashboardCard({
  title,
  description,
  className,
  children,
}: {
  title: string
  description?: React.ReactNode
  className?: string
  children: React.ReactNode
}) {
  const id = useId()
  return (
    <Card className={cn('gap-4', className)} role="region" aria-labelledby={id}>
      <CardHeader>
        <h2 id={id} className="leading-none font-semibold">
          {title}
        </h2>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  )
}
