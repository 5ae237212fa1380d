import { Inventory } from './inventory'
import type { ParseResult } from './types'

// Ansible's INI inventory grammar, as its ini plugin reads it:
//   [group]            host lines: `pattern [key=value ...]`, pattern may hold ranges and :port
//   [group:children]   one child group name per line
//   [group:vars]       `key=value` lines for every host of the group
// Lines starting with # or ; are comments; on host lines, # outside quotes ends the line.
// Host lines before any section belong to "ungrouped".

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/

/** Splits a host line like POSIX shlex with comments (what Ansible uses): quotes removed, # ends it. */
export function splitHostLine(line: string): string[] | { error: string } {
  const tokens: string[] = []
  let token: string | null = null
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '#') break
    if (/\s/.test(c)) {
      if (token !== null) tokens.push(token)
      token = null
      continue
    }
    token ??= ''
    if (c === '\\') {
      if (i + 1 >= line.length) return { error: 'A line cannot end with a backslash.' }
      token += line[++i]
    } else if (c === "'" || c === '"') {
      const end = findClosingQuote(line, i)
      if (end < 0) return { error: `A ${c} quote is not closed.` }
      const inner = line.slice(i + 1, end)
      token += c === '"' ? inner.replace(/\\(["\\])/g, '$1') : inner
      i = end
    } else token += c
  }
  if (token !== null) tokens.push(token)
  return tokens
}

function findClosingQuote(line: string, open: number): number {
  const quote = line[open]
  for (let i = open + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++
    else if (line[i] === quote) return i
  }
  return -1
}

/** A [group:vars] value: surrounding quotes removed, an unquoted trailing comment dropped. */
function varValue(raw: string): string {
  const value = raw.trim()
  const quoted = /^(['"])(.*)\1$/.exec(value)
  if (quoted) return quoted[2]
  return value.replace(/\s+[#;].*$/, '')
}

export function parseIni(text: string): ParseResult {
  const inventory = new Inventory()
  // Ansible allows [group:vars] and [parent:children] entries before the group is
  // declared, and refuses them if it never is.
  const declared = new Set(['all', 'ungrouped'])
  const varsSections = new Map<string, number>()
  const childRefs: { parent: string; child: string; line: number }[] = []
  let group = 'ungrouped'
  let state: 'hosts' | 'children' | 'vars' | 'skip' = 'hosts'

  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1
    const content = raw.trim()
    if (!content || content.startsWith('#') || content.startsWith(';')) return

    const section = SECTION.exec(content)
    if (section) {
      const [, name, kind = 'hosts'] = section
      if (kind !== 'hosts' && kind !== 'children' && kind !== 'vars') {
        inventory.error(
          line,
          `Section [${name}:${kind}] has an unknown type "${kind}": use [${name}], [${name}:children] or [${name}:vars].`,
        )
        state = 'skip'
        return
      }
      group = name
      state = kind
      inventory.group(name, line)
      if (kind === 'vars') {
        if (!varsSections.has(name)) varsSections.set(name, line)
      } else declared.add(name)
      return
    }
    if (content.startsWith('[') && content.endsWith(']')) {
      inventory.error(
        line,
        `Section header ${content} is not valid: use [group], [group:children] or [group:vars], with no spaces.`,
      )
      state = 'skip'
      return
    }

    if (state === 'skip') return
    if (state === 'vars') {
      const eq = content.indexOf('=')
      if (eq < 0) return inventory.error(line, `Expected key=value in [${group}:vars], got: ${content}`)
      const g = inventory.group(group, line)
      inventory.setVar(g.vars, content.slice(0, eq).trim(), varValue(content.slice(eq + 1)), line)
    } else if (state === 'children') {
      const child = GROUP_NAME.exec(content)
      if (!child) return inventory.error(line, `Expected a group name in [${group}:children], got: ${content}`)
      childRefs.push({ parent: group, child: child[1], line })
    } else {
      const tokens = splitHostLine(content)
      if (!Array.isArray(tokens)) return inventory.error(line, tokens.error)
      if (!tokens.length) return
      const [pattern, ...assignments] = tokens
      const vars: { key: string; value: string; line: number }[] = []
      for (const assignment of assignments) {
        const eq = assignment.indexOf('=')
        if (eq <= 0) return inventory.error(line, `Expected key=value after the host, got: ${assignment}`)
        vars.push({ key: assignment.slice(0, eq), value: assignment.slice(eq + 1), line })
      }
      inventory.addHosts(group, pattern, line, vars)
    }
  })

  for (const [name, line] of varsSections) {
    if (!declared.has(name)) inventory.error(line, `Section [${name}:vars] is for a group that is never defined.`)
  }
  for (const { parent, child, line } of childRefs) {
    if (declared.has(child)) inventory.addChild(parent, child, line)
    else inventory.error(line, `[${parent}:children] names the group "${child}", which is never defined.`)
  }
  return inventory.result()
}
