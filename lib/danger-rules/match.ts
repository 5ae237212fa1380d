import 'server-only'
import vm from 'node:vm'
import { compilePattern, type DangerAction, type DangerMatch, type DangerRuleLike } from './check'

const MAX_TEXT = 200

/** Far beyond what real rules need on the largest script (~15 ms for 6 rules on 256 KiB). */
const DEFAULT_BUDGET_MS = 1000

// Rules are regexes a tenant admin writes, and one that backtracks catastrophically (`(a+)+$`)
// on some line would hold the server's only thread for ever. The loop runs in a vm context
// because its timeout interrupts V8 even in the middle of a regex; `at` says where it stopped.
interface Job {
  lines: string[]
  regexes: RegExp[]
  hits: number[]
  at: [line: number, rule: number]
}
const context = vm.createContext({ job: null as Job | null })
const loop = new vm.Script(`{
  const { lines, regexes, hits, at } = job
  for (let l = 0; l < lines.length; l++) {
    for (let r = 0; r < regexes.length; r++) {
      at[0] = l
      at[1] = r
      if (regexes[r].test(lines[l])) hits.push(l, r)
    }
  }
}`)

/**
 * Every line of `content` that a rule matches, in line order. Rules match one line at a time, so
 * a match always has a line to name; comments are checked too (a commented-out `rm -rf /` is one
 * keystroke from running). A rule whose pattern does not compile is skipped: rules are validated
 * when they are saved. Used on save and again at run time, so a rule added after a script was
 * saved still stops it. Past `budgetMs` the check ends with a blocking match naming the rule and
 * line it was stuck on: a rule that cannot answer must not let the script through.
 */
export function checkScript(
  content: string,
  rules: readonly DangerRuleLike[],
  { budgetMs = DEFAULT_BUDGET_MS } = {},
): DangerMatch[] {
  const compiled = rules.flatMap((rule) => {
    const result = compilePattern(rule.pattern)
    const action: DangerAction = rule.action === 'block' ? 'block' : 'warn'
    return result.ok ? [{ rule, action, regex: result.regex }] : []
  })
  if (compiled.length === 0) return []
  const lines = content.split(/\r?\n/)
  const job: Job = { lines, regexes: compiled.map((c) => c.regex), hits: [], at: [0, 0] }
  context.job = job
  let timedOut = false
  try {
    loop.runInContext(context, { timeout: budgetMs })
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error
    timedOut = true
  } finally {
    context.job = null
  }
  const match = (line: number, r: number): DangerMatch => {
    const { rule, action } = compiled[r]
    const trimmed = lines[line].trim()
    return {
      ruleId: rule.id,
      pattern: rule.pattern,
      action,
      description: rule.description,
      line: line + 1,
      text: trimmed.length > MAX_TEXT ? `${trimmed.slice(0, MAX_TEXT - 1)}…` : trimmed,
    }
  }
  const matches: DangerMatch[] = []
  for (let i = 0; i < job.hits.length; i += 2) matches.push(match(job.hits[i], job.hits[i + 1]))
  if (timedOut) matches.push({ ...match(...job.at), action: 'block', timedOut: true })
  return matches
}
