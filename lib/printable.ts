import { z } from 'zod'

// Names show in lists, logs, audit lines, notifications and, for files, on every target. A
// control character there ends a line, hides what follows (NUL) or restyles a terminal (ESC);
// a bidirectional override makes "gpj.exe" read as "exe.jpg". Letters of any script, emoji
// (with their zero-width joiners) and right-to-left text are all fine. No server imports.

/** C0 and C1 controls, DEL, line and paragraph separators, bidirectional embeddings, overrides and isolates. */
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u

export const isPrintable = (text: string) => !CONTROL.test(text)

export const printableMessage = 'Use printable characters only: no line breaks, tabs or other control characters.'

/** One line of at most `max` characters, trimmed; may be empty. */
export const printableText = (max: number) =>
  z.string().trim().max(max, `At most ${max} characters.`).refine(isPrintable, printableMessage)

/** Free text of several lines (a description): line breaks and tabs are fine, other controls are not. */
const CONTROL_IN_TEXT = /[^\P{Cc}\t\n\r]|[\u2028\u2029\u202a-\u202e\u2066-\u2069]/u

export const isPrintableText = (text: string) => !CONTROL_IN_TEXT.test(text)

/** At most `max` characters of several lines, trimmed; may be empty. */
export const textField = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .refine(
      isPrintableText,
      'Use printable characters only: line breaks and tabs are fine, other control characters are not.',
    )

/** A name: one line of 1 to `max` characters, trimmed. */
export const nameField = (max = 100, empty = 'Enter a name.') => printableText(max).min(1, empty)
