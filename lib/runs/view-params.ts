// The run page's view, all in the URL so a link reopens it: results or timeline, the open
// target-run, a status filter, a result group, and an output search. No server imports:
// the page and its client components share these parsers.
import { parseAsString, parseAsStringLiteral } from 'nuqs/server'
import { targetRunStatuses } from './statuses'

export const runViews = ['results', 'timeline'] as const

export const runViewParams = {
  /** The page's body: the target rows and the open output, or the timeline of every target. */
  view: parseAsStringLiteral(runViews).withDefault('results'),
  /** The target-run whose output is shown (and streamed). */
  target: parseAsString,
  status: parseAsStringLiteral(targetRunStatuses),
  /** A result group's id (groupId below). */
  group: parseAsString,
  /** Text searched for in every target's output, on the server. */
  q: parseAsString.withDefault(''),
}

/** A short, stable id for a result key (lib/runs/live's resultKey): FNV-1a, base 36. */
export function groupId(key: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(36)
}
