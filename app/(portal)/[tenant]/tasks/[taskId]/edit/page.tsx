import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ChevronLeftIcon } from 'lucide-react'
import { PageHeader } from '@/components/portal/page-header'
import { EditTaskForm } from '@/components/tasks/edit-task-form'
import { taskFormInitial } from '@/components/tasks/task-form-state'
import { can } from '@/lib/auth/permissions'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { listLabels } from '@/lib/targets/queries'
import { listNotifyChoices } from '@/lib/tasks/notify-choices'
import { getTask } from '@/lib/tasks/queries'

export const metadata: Metadata = { title: 'Edit task' }

export default async function EditTaskPage({ params }: { params: Promise<{ tenant: string; taskId: string }> }) {
  const { tenant: slug, taskId } = await params
  const { tenant, role, scope } = await getTenantAccess(slug)
  if (!can(role, 'tasks.write')) notFound()
  const [task, labels, notifyChoices] = await Promise.all([
    getTask(scope, taskId),
    listLabels(scope),
    listNotifyChoices(scope),
  ])
  if (!task) notFound()
  return (
    <>
      <Link
        href={`/${tenant.slug}/tasks/${task.id}`}
        className="mb-2 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ChevronLeftIcon aria-hidden className="size-4" /> {task.name}
      </Link>
      <PageHeader
        title={`Edit ${task.name}`}
        description="Secret parameters left empty keep their stored values. Runs already made keep what they ran."
      />
      <EditTaskForm
        tenant={tenant.slug}
        taskId={task.id}
        initial={taskFormInitial(task)}
        labels={labels}
        notifyChoices={notifyChoices}
      />
    </>
  )
}
