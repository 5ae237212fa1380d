// What browser and server share about rules; the matching itself is server-only (./match.ts).

export const dangerActions = ['warn', 'block'] as const
export type DangerAction = (typeof dangerActions)[number]

export interface DangerRuleLike {
  id: string
  pattern: string
  action: string
  description: string
}

export interface DangerMatch {
  ruleId: string
  pattern: string
  action: DangerAction
  description: string
  /** 1-based line number in the script. */
  line: number
  /** The matching line, trimmed and shortened for display. */
  text: string
  /** The rule ran out of time on this line: it blocks, as its answer is unknown. */
  timedOut?: true
}

/** The regex of a rule, or the reason it is not one. Rules are plain JavaScript regexes without flags. */
export function compilePattern(pattern: string): { ok: true; regex: RegExp } | { ok: false; message: string } {
  try {
    return { ok: true, regex: new RegExp(pattern) }
  } catch (error) {
    return { ok: false, message: (error as Error).message }
  }
}

/** Splits matches into those that refuse the save and those that need a confirmation. */
export function partitionMatches(matches: readonly DangerMatch[]) {
  return {
    blocked: matches.filter((m) => m.action === 'block'),
    warnings: matches.filter((m) => m.action === 'warn'),
  }
}

/** One sentence naming the blocking rules and lines, for the content field's error. */
export function blockedMessage(blocked: readonly DangerMatch[], lead = 'Not saved'): string {
  const shown = blocked.slice(0, 3).map((m) => `line ${m.line} ${verdict(m, 'the blocking rule')}`)
  const more = blocked.length > 3 ? ` (and ${blocked.length - 3} more)` : ''
  return `${lead}: ${shown.join('; ')}${more}.`
}

/**
 * What a rule made of a line: "matches “…”", or that it could not tell in time. A rule that
 * timed out blocks whatever its action, so it is never called "the blocking rule".
 */
export function verdict(m: DangerMatch, ruleWord?: string): string {
  if (m.timedOut) return `took too long to check against the rule “${m.description}” (simplify its pattern)`
  return `matches ${ruleWord ? `${ruleWord} “${m.description}”` : `“${m.description}”`}`
}
