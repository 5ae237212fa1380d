import { PlusIcon } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { Button } from '@/components/ui/button'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { listTasks } from '@/lib/tasks/queries'
import { formatInZone } from '@/lib/tasks/schedule'
import { taskTable } from '@/lib/tasks/table'
import { TasksTable } from './tasks-table'

export const metadata: Metadata = { title: 'Tasks' }

export default async function TasksPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>
  searchParams: Promise<Record<string, string | string[]>>
}) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  if (!can(role, 'tasks.read')) notFound()
  const state = await taskTable.cache.parse(searchParams)
  const { rows, total } = await listTasks(scope, state)
  return (
    <>
      <PageHeader
        title="Tasks"
        description="Steps bound to targets, run by hand, on a cron schedule or once."
        actions={
          can(role, 'tasks.write') ? (
            <Button asChild>
              <Link href={`/${tenant.slug}/tasks/new`}>
                <PlusIcon aria-hidden /> New task
              </Link>
            </Button>
          ) : null
        }
      />
      <TasksTable
        tenant={tenant.slug}
        total={total}
        // Formatted here: the zone's wall clock reads the same in every browser.
        rows={rows.map((r) => ({
          ...r,
          nextRun: r.enabled && r.nextRunAt ? formatInZone(r.nextRunAt, r.timezone) : null,
        }))}
      />
    </>
  )
}
