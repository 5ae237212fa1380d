'use client'
import { type SingleInputActionFn, useAction } from 'next-safe-action/hooks'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { type FormEvent, useState } from 'react'

type FieldErrors = Record<string, string[] | undefined>

/** The form's values as a plain object: checkboxes become booleans, the rest strings. */
export function formValues(form: HTMLFormElement): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {}
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement))
      continue
    if (!el.name || el.disabled) continue
    if (el instanceof HTMLInputElement && el.type === 'checkbox') values[el.name] = el.checked
    else if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (el.checked) values[el.name] = el.value
    } else values[el.name] = el.value
  }
  return values
}

export interface FormActionOptions<Data> {
  /** Input fields the form does not hold (tenant slug, ids). */
  extra?: Record<string, unknown>
  /** Reshapes the flat form values into the action's input (lists, records). */
  prepare?: (values: Record<string, string | boolean>) => Record<string, unknown>
  onSuccess?: (data: Data | undefined) => void
}

/**
 * Binds a form to a server action from lib/action.ts. The form is submitted with
 * onSubmit (never React's form `action`, which resets the fields), so what the user
 * typed stays when the server answers with errors.
 */
export function useFormAction<S extends StandardSchemaV1 | undefined, E, Data>(
  action: SingleInputActionFn<string, S, E, Data>,
  options: FormActionOptions<Data> = {},
) {
  // What the server answered without running the action, e.g. the proxy's 413 for a form
  // past the body limit (its text is the message): shown like a server error.
  const [thrown, setThrown] = useState<string>()
  const { executeAsync, result, isPending, reset } = useAction(action, {
    onError: ({ error }) => setThrown(error.thrownError?.message),
  })
  const validation = result.validationErrors as { formErrors?: string[]; fieldErrors?: FieldErrors } | undefined
  return {
    isPending,
    reset,
    fieldErrors: (validation?.fieldErrors ?? {}) as FieldErrors,
    formError: result.serverError ?? validation?.formErrors?.[0] ?? thrown,
    onSubmit(event: FormEvent<HTMLFormElement>) {
      event.preventDefault()
      setThrown(undefined)
      // onSuccess runs from the promise, not from a hook callback: the server's refresh may
      // re-key or unmount this form before React would deliver one (a lost confirmation).
      const values = formValues(event.currentTarget)
      executeAsync({ ...(options.prepare ? options.prepare(values) : values), ...options.extra } as never).then(
        (r) => {
          if (r && !r.serverError && !r.validationErrors) options.onSuccess?.(r.data as Data | undefined)
        },
        // Shown through onError above.
        () => {},
      )
    },
  }
}
