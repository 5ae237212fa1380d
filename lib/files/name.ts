import { isPrintable } from '@/lib/printable'

// A stored file's name becomes a path component on every target it is uploaded to, so it
// must be one plain name: nothing that climbs out of the destination directory or breaks a
// log line. Shared by uploads and the run snapshot (which is checked again at run time).

/** NAME_MAX on Linux and most Unix file systems. */
export const maxFileNameBytes = 255

/** Why this is not a plain file name, or null when it is one. */
export function fileNameProblem(name: string): string | null {
  if (!name) return 'The file name is empty.'
  // First, so the messages below never echo a control character.
  if (!isPrintable(name)) return 'The file name contains a control character (a newline, tab …).'
  // A backslash separates directories on Windows targets (PowerShell scripts run there too).
  const separator = /[/\\]/.exec(name)?.[0]
  if (separator) return `The file name “${name}” contains a “${separator}”: give a plain file name, not a path.`
  if (name === '.' || name === '..') return `“${name}” is not a file name.`
  const bytes = Buffer.byteLength(name)
  if (bytes > maxFileNameBytes) return `The file name is ${bytes} bytes long; at most ${maxFileNameBytes} are allowed.`
  return null
}
