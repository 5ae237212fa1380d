'use client'
import { toast } from 'sonner'
import { useFormAction } from '@/components/forms/use-form-action'
import { updateScriptAction } from '@/lib/scripts/actions'
import { ScriptForm } from '../script-form'
import { type ScriptFormInitial, useScriptForm } from '../use-script-form'

/** Edits the latest version. The page re-keys it after each save, so it restarts from what was stored. */
export function EditScriptForm({
  tenant,
  scriptId,
  baseVersion,
  initial,
}: {
  tenant: string
  scriptId: string
  baseVersion: number
  initial: ScriptFormInitial
}) {
  const state = useScriptForm(initial)
  const form = useFormAction(updateScriptAction, {
    extra: { tenant, scriptId, baseVersion, ...state.extra },
    onSuccess(outcome) {
      if (!state.handleOutcome(outcome)) return
      toast.success(
        outcome.versionCreated
          ? `Saved as version ${outcome.version}`
          : `Saved. Content and parameters are unchanged, so this is still version ${outcome.version}.`,
      )
    },
  })
  return <ScriptForm initial={initial} state={state} form={form} submitLabel="Save" />
}
