'use client'
import type { SingleInputActionFn } from 'next-safe-action/hooks'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { useState } from 'react'
import { type FormActionOptions, useFormAction } from './use-form-action'

/**
 * A form in a dialog: the dialog closes when the action succeeds, and opening or closing
 * it clears the last answer's errors. Spread `dialog` on <Dialog>.
 */
export function useDialogForm<S extends StandardSchemaV1 | undefined, E, Data>(
  action: SingleInputActionFn<string, S, E, Data>,
  options: FormActionOptions<Data> = {},
) {
  const [open, setOpen] = useState(false)
  const form = useFormAction(action, {
    ...options,
    onSuccess(data) {
      setOpen(false)
      options.onSuccess?.(data)
    },
  })
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    form.reset()
  }
  return { form, dialog: { open, onOpenChange } }
}
