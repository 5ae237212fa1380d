'use client'
import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { useFormAction } from '@/components/forms/use-form-action'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import { updateTaskAction } from '@/lib/tasks/actions'
import { TaskForm } from './task-form'
import type { TaskFormInitial } from './task-form-state'
import { useTaskForm } from './use-task-form'

export function EditTaskForm({
  tenant,
  taskId,
  initial,
  labels,
  notifyChoices,
}: {
  tenant: string
  taskId: string
  initial: TaskFormInitial
  labels: { label: string; targets: number }[]
  notifyChoices: NotifyChoices
}) {
  const router = useRouter()
  const state = useTaskForm(tenant, initial)
  const form = useFormAction(updateTaskAction, {
    prepare: state.prepare,
    extra: { tenant, id: taskId },
    onSuccess() {
      toast.success('Task saved')
      router.push(`/${tenant}/tasks/${taskId}`)
    },
  })
  return (
    <TaskForm
      initial={initial}
      state={state}
      form={form}
      labels={labels}
      notifyChoices={notifyChoices}
      submitLabel="Save task"
    />
  )
}
