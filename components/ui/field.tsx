'use client'

import * as React from 'react'

import { cn } from '@/lib/utils'
import { Label } from '@/components/ui/label'

type FieldControlProps = {
  id: string
  'aria-invalid'?: true
  'aria-describedby'?: string
}

const FieldContext = React.createContext<FieldControlProps | null>(null)

/**
 * The ids and ARIA props of the enclosing `<Field>`'s control, for a control that is not
 * `Field`'s direct child (e.g. a `SelectTrigger` inside a `Select`): spread them onto it.
 */
function useFieldControl(): FieldControlProps | null {
  return React.useContext(FieldContext)
}

type FieldProps = {
  label: React.ReactNode
  /** The control's id; the label points at it. Also the prefix of the hint and error ids. */
  htmlFor: string
  /** The field's error (first one shown); rendered with role="alert" and wired to the control. */
  error?: string | string[] | null
  description?: React.ReactNode
  required?: boolean
  className?: string
  /** The control. Its direct child gets id, aria-invalid and aria-describedby (unless it sets them). */
  children: React.ReactNode
}

/** Label + control + hint + error, with the accessibility wiring done once. */
function Field({ label, htmlFor, error, description, required, className, children }: FieldProps) {
  const message = Array.isArray(error) ? error[0] : error
  const descriptionId = description ? `${htmlFor}-description` : undefined
  const errorId = message ? `${htmlFor}-error` : undefined
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined

  const control: FieldControlProps = {
    id: htmlFor,
    'aria-invalid': message ? true : undefined,
    'aria-describedby': describedBy,
  }

  const child = React.Children.only(children)
  const wired = React.isValidElement<Record<string, unknown>>(child)
    ? React.cloneElement(child, {
        id: child.props.id ?? control.id,
        'aria-invalid': child.props['aria-invalid'] ?? control['aria-invalid'],
        'aria-describedby': [child.props['aria-describedby'], describedBy].filter(Boolean).join(' ') || undefined,
      })
    : child

  return (
    <FieldContext.Provider value={control}>
      <div data-slot="field" data-invalid={message ? 'true' : undefined} className={cn('group grid gap-2', className)}>
        <Label htmlFor={htmlFor} className="group-data-[invalid=true]:text-destructive">
          {label}
          {required && (
            <span aria-hidden className="text-destructive">
              *
            </span>
          )}
        </Label>
        {wired}
        {description && (
          <p id={descriptionId} data-slot="field-description" className="text-sm text-muted-foreground">
            {description}
          </p>
        )}
        {message && (
          <p id={errorId} role="alert" data-slot="field-error" className="text-sm text-destructive">
            {message}
          </p>
        )}
      </div>
    </FieldContext.Provider>
  )
}

export { Field, useFieldControl, type FieldProps }
