// A stored file's name becomes a path component on every target it is uploaded to, so it
// must be one plain name: nothing that climbs out of the destination directory or breaks a
// log line. Shared by uploads and the run snapshot (which is checked again at run time).

/** NAME_MAX on Linux and most Unix file systems. */
export const maxFileNameBytes = 255

/** Why this is not a plain file name, or null when it is one. */
export function fileNameProblem(name: string): string | null {
  if (!name) return 'The file name is empty.'
  if (name.includes('/')) return `The file name “${name}” contains a “/”: give a plain file name, not a path.`
  if (name === '.' || name === '..') return `“${name}” is not a file name.`
  if (/[\x00-\x1f\x7f]/.test(name)) return 'The file name contains a control character (a newline, tab …).'
  const bytes = Buffer.byteLength(name)
  if (bytes > maxFileNameBytes) return `The file name is ${bytes} bytes long; at most ${maxFileNameBytes} are allowed.`
  return null
}
