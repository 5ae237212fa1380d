'use client'
import { ConfirmDeleteButton } from '@/components/forms/confirm-delete-button'
import { deleteTaskAction } from '@/lib/tasks/actions'

export function DeleteTaskButton({ tenant, taskId, name }: { tenant: string; taskId: string; name: string }) {
  return (
    <ConfirmDeleteButton
      noun="task"
      name={name}
      description="The task, its steps and its schedule are removed. Its runs stay in history."
      remove={() => deleteTaskAction({ tenant, id: taskId })}
      then={`/${tenant}/tasks`}
    />
  )
}
