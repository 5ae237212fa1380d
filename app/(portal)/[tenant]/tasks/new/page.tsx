import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { NewTaskForm } from '@/components/tasks/new-task-form'
import { emptyTaskForm } from '@/components/tasks/task-form-state'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { listLabels } from '@/lib/targets/queries'
import { listNotifyChoices } from '@/lib/tasks/notify-choices'

export const metadata: Metadata = { title: 'New task' }

export default async function NewTaskPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, role, scope } = await getTenantAccess((await params).tenant)
  if (!can(role, 'tasks.write')) notFound()
  const [labels, notifyChoices] = await Promise.all([listLabels(scope), listNotifyChoices(scope)])
  return (
    <>
      <PageHeader
        title="New task"
        description="Steps to run, the targets to run them on, and when: by hand, on a cron schedule or once."
      />
      <NewTaskForm tenant={tenant.slug} initial={emptyTaskForm} labels={labels} notifyChoices={notifyChoices} />
    </>
  )
}
