'use client'
import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { useFormAction } from '@/components/forms/use-form-action'
import type { NotifyChoices } from '@/lib/tasks/notify-choices'
import { createTaskAction } from '@/lib/tasks/actions'
import { TaskForm } from './task-form'
import type { TaskFormInitial } from './task-form-state'
import { useTaskForm } from './use-task-form'

export function NewTaskForm({
  tenant,
  initial,
  labels,
  notifyChoices,
}: {
  tenant: string
  initial: TaskFormInitial
  labels: { label: string; targets: number }[]
  notifyChoices: NotifyChoices
}) {
  const router = useRouter()
  const state = useTaskForm(tenant, initial)
  const form = useFormAction(createTaskAction, {
    prepare: state.prepare,
    extra: { tenant },
    onSuccess(data) {
      if (!data) return
      toast.success('Task created')
      router.push(`/${tenant}/tasks/${data.id}`)
    },
  })
  return (
    <TaskForm
      initial={initial}
      state={state}
      form={form}
      labels={labels}
      notifyChoices={notifyChoices}
      submitLabel="Create task"
    />
  )
}
