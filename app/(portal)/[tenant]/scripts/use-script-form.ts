'use client'
import { useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useUnsavedChanges } from '@/components/code-editor/use-unsaved-changes'
import type { DangerMatch } from '@/lib/danger-rules/check'
import type { SaveOutcome } from '@/lib/scripts/actions'
import type { ScriptLanguage } from '@/lib/scripts/languages'
import type { ParameterView } from '@/lib/scripts/parameters'
import { type ParameterRowState, rowsFromViews, rowToInput } from './parameter-rows'

export interface ScriptFormInitial {
  name: string
  language: ScriptLanguage
  description: string
  content: string
  parameters: ParameterView[]
}

/**
 * The state a script form keeps beside its named inputs: language (it drives the editor's
 * highlighting), content, parameter rows, and the warn-rule confirmation. A save that matches
 * warn rules comes back with the matches; confirming resubmits the same form acknowledged.
 */
export function useScriptForm(initial: ScriptFormInitial) {
  const formRef = useRef<HTMLFormElement>(null)
  const [language, setLanguage] = useState(initial.language)
  const [content, setContent] = useState(initial.content)
  const [rows, setRows] = useState<ParameterRowState[]>(() => rowsFromViews(initial.parameters))
  const [touched, setTouched] = useState(false)
  const [warnings, setWarnings] = useState<DangerMatch[] | null>(null)
  const [acknowledged, setAcknowledged] = useState(false)

  const dirty = touched || content !== initial.content
  useUnsavedChanges(dirty)

  // Any edit withdraws an earlier confirmation: the new text may match other rules.
  const touch = () => {
    setTouched(true)
    setAcknowledged(false)
  }

  return {
    formRef,
    language,
    content,
    rows,
    warnings,
    dirty,
    /** What the action needs beyond the form's named inputs. */
    extra: { parameters: rows.map(rowToInput), acknowledgeWarnings: acknowledged },
    touch,
    setLanguage(next: ScriptLanguage) {
      setLanguage(next)
      touch()
    },
    setContent(next: string) {
      setContent(next)
      setAcknowledged(false)
    },
    setRows(next: ParameterRowState[]) {
      setRows(next)
      touch()
    },
    /** Feed the action's data here; true when the script was saved. */
    handleOutcome(outcome: SaveOutcome | undefined): outcome is Extract<SaveOutcome, { status: 'saved' }> {
      if (outcome?.status === 'confirm') {
        setWarnings(outcome.warnings)
        return false
      }
      setAcknowledged(false)
      setTouched(false)
      return outcome?.status === 'saved'
    },
    confirmWarnings() {
      // Render the acknowledged extra first, so the resubmitted form carries it.
      flushSync(() => {
        setAcknowledged(true)
        setWarnings(null)
      })
      formRef.current?.requestSubmit()
    },
    cancelWarnings() {
      setWarnings(null)
    },
  }
}

export type ScriptFormState = ReturnType<typeof useScriptForm>
