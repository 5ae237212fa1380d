import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/portal/page-header'
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { roleLabels } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'

export const metadata: Metadata = { title: 'Home' }

export default async function TenantHome({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, role } = await getTenantAccess((await params).tenant)
  const roleLabel = role === 'system_admin' ? 'System admin' : roleLabels[role]
  const links = [
    ['scripts', 'Scripts', 'Keep and version the scripts you run.'],
    ['targets', 'Targets', 'The hosts scripts run on.'],
    ['tasks', 'Tasks', 'Run scripts now or on a schedule.'],
    ['runs', 'Runs', 'What ran where, and what it printed.'],
  ] as const
  return (
    <>
      <PageHeader title={tenant.name} description={`You are signed in here as ${roleLabel}.`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {links.map(([path, title, text]) => (
          <Link key={path} href={`/${tenant.slug}/${path}`} className="rounded-xl focus-visible:outline-2 focus-visible:outline-ring">
            <Card className="h-full transition-colors hover:bg-muted/50">
              <CardHeader>
                <CardTitle>{title}</CardTitle>
                <CardDescription>{text}</CardDescription>
              </CardHeader>
            </Card>
          </Link>
        ))}
      </div>
    </>
  )
}
