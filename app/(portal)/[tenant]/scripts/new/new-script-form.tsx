'use client'
import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { useFormAction } from '@/components/forms/use-form-action'
import { createScriptAction } from '@/lib/scripts/actions'
import { ScriptForm } from '../script-form'
import { type ScriptFormInitial, useScriptForm } from '../use-script-form'

export function NewScriptForm({ tenant, initial }: { tenant: string; initial: ScriptFormInitial }) {
  const router = useRouter()
  const state = useScriptForm(initial)
  const form = useFormAction(createScriptAction, {
    extra: { tenant, ...state.extra },
    onSuccess(outcome) {
      if (!state.handleOutcome(outcome)) return
      toast.success('Script created (version 1)')
      router.push(`/${tenant}/scripts/${outcome.scriptId}`)
    },
  })
  return <ScriptForm initial={initial} state={state} form={form} submitLabel="Create script" />
}
