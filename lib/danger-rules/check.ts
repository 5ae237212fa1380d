// Pure: used on save (lib/scripts) and again at run time (the execution engine), so a rule
// added after a script was saved still stops it.

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
}

const MAX_TEXT = 200

/** The regex of a rule, or the reason it is not one. Rules are plain JavaScript regexes without flags. */
export function compilePattern(pattern: string): { ok: true; regex: RegExp } | { ok: false; message: string } {
  try {
    return { ok: true, regex: new RegExp(pattern) }
  } catch (error) {
    return { ok: false, message: (error as Error).message }
  }
}

/**
 * Every line of `content` that a rule matches, in line order. Rules match one line at a time, so
 * a match always has a line to name; comments are checked too (a commented-out `rm -rf /` is one
 * keystroke from running). A rule whose pattern does not compile is skipped: rules are validated
 * when they are saved.
 */
export function checkScript(content: string, rules: readonly DangerRuleLike[]): DangerMatch[] {
  const compiled = rules.flatMap((rule) => {
    const result = compilePattern(rule.pattern)
    const action: DangerAction = rule.action === 'block' ? 'block' : 'warn'
    return result.ok ? [{ rule, action, regex: result.regex }] : []
  })
  if (compiled.length === 0) return []
  const matches: DangerMatch[] = []
  content.split(/\r?\n/).forEach((line, index) => {
    for (const { rule, action, regex } of compiled) {
      if (!regex.test(line)) continue
      const trimmed = line.trim()
      matches.push({
        ruleId: rule.id,
        pattern: rule.pattern,
        action,
        description: rule.description,
        line: index + 1,
        text: trimmed.length > MAX_TEXT ? `${trimmed.slice(0, MAX_TEXT - 1)}…` : trimmed,
      })
    }
  })
  return matches
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
  const shown = blocked.slice(0, 3).map((m) => `line ${m.line} matches the blocking rule “${m.description}”`)
  const more = blocked.length > 3 ? ` (and ${blocked.length - 3} more)` : ''
  return `${lead}: ${shown.join('; ')}${more}.`
}
