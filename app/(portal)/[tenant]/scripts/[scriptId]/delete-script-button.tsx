'use client'
import { ConfirmDeleteButton } from '@/components/forms/confirm-delete-button'
import { deleteScriptAction } from '@/lib/scripts/actions'

export function DeleteScriptButton({ tenant, scriptId, name }: { tenant: string; scriptId: string; name: string }) {
  return (
    <ConfirmDeleteButton
      noun="script"
      name={name}
      description="The script and all its versions are removed. A script that a task uses cannot be deleted."
      // A refusal is shown in the dialog: it names the tasks that use the script.
      remove={() => deleteScriptAction({ tenant, scriptId })}
      then={`/${tenant}/scripts`}
    />
  )
}
