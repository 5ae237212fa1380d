import { type Document, isAlias, isMap, isScalar, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml'
import { Inventory } from './inventory'
import type { ParseResult } from './types'

// Ansible's YAML inventory: top-level keys are groups (usually just `all`); a group is a
// mapping with `hosts` (host pattern → its variables), `children` (group name → group) and
// `vars`. Same semantics as the INI form (see inventory.ts). Node ranges give the lines.

const GROUP_KEYS = new Set(['hosts', 'children', 'vars'])

export function parseYamlInventory(text: string): ParseResult {
  const lines = new LineCounter()
  // Duplicate keys are reported below with both lines, merge keys (<<) work as in PyYAML.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, merge: true })
  const inventory = new Inventory()
  const lineOf = (node: Node | null | undefined, fallback = 1) =>
    node?.range ? lines.linePos(node.range[0]).line : fallback
  if (doc.errors.length) {
    for (const e of doc.errors) inventory.error(e.linePos?.[0].line ?? 1, `YAML: ${e.message.split('\n')[0]}`)
    return { ...inventory.result(), hosts: [] }
  }
  const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc as Document) : node)

  /** The pairs of a mapping node, with their key's name and line; duplicates are errors. */
  const entries = (node: YAMLMap, what: string) => {
    const seen = new Map<string, number>()
    const result: { key: string; line: number; value: unknown }[] = []
    for (const pair of node.items) {
      const key = resolve(pair.key)
      const line = lineOf(key as Node, lineOf(node))
      if (!isScalar(key) || key.value === null || typeof key.value === 'object') {
        inventory.error(line, `${what}: every key must be a plain name.`)
        continue
      }
      const name = String(key.value)
      if (name === '<<') continue
      if (seen.has(name)) {
        inventory.error(line, `${what}: "${name}" appears twice (first on line ${seen.get(name)}).`)
        continue
      }
      seen.set(name, line)
      result.push({ key: name, line, value: resolve(pair.value) })
    }
    return result
  }

  /** A mapping's plain values (aliases and << merges applied), with each key's line. */
  const variables = (node: unknown, fallbackLine: number) => {
    const values = (isMap(node) ? node.toJS(doc) : {}) as Record<string, unknown>
    const keyLines = new Map(isMap(node) ? entries(node, 'Variables').map((e) => [e.key, e.line]) : [])
    return Object.entries(values).map(([key, value]) => ({ key, value, line: keyLines.get(key) ?? fallbackLine }))
  }

  // An alias can point back at a group being read; reading it again would never end.
  const reading = new Set<unknown>()
  const parseGroup = (name: string, node: unknown, line: number) => {
    const group = inventory.group(name, line)
    if (node === null || (isScalar(node) && node.value === null)) return
    if (reading.has(node)) return inventory.error(line, `Group "${name}" contains itself through a YAML alias.`)
    if (!isMap(node)) return inventory.error(line, `Group "${name}" must be a mapping with hosts, children or vars.`)
    for (const entry of entries(node, `Group "${name}"`)) {
      const value = entry.value
      const empty = value === null || (isScalar(value) && value.value === null)
      if (!GROUP_KEYS.has(entry.key)) {
        inventory.error(
          entry.line,
          `Group "${name}" has an unexpected key "${entry.key}": use hosts, children or vars.`,
        )
      } else if (empty) {
        continue
      } else if (!isMap(value)) {
        inventory.error(entry.line, `The ${entry.key} of group "${name}" must be a mapping.`)
      } else if (entry.key === 'vars') {
        for (const v of variables(value, entry.line)) inventory.setVar(group.vars, v.key, v.value, v.line)
      } else if (entry.key === 'hosts') {
        for (const host of entries(value, `Hosts of group "${name}"`)) {
          const hostVars = host.value
          if (hostVars !== null && !isMap(hostVars) && !(isScalar(hostVars) && hostVars.value === null)) {
            inventory.error(host.line, `The variables of host "${host.key}" must be a mapping.`)
            continue
          }
          inventory.addHosts(name, host.key, host.line, variables(hostVars, host.line))
        }
      } else {
        reading.add(node)
        for (const child of entries(value, `Children of group "${name}"`)) {
          inventory.addChild(name, child.key, child.line)
          parseGroup(child.key, child.value, child.line)
        }
        reading.delete(node)
      }
    }
  }

  const root = resolve(doc.contents)
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) return inventory.result()
  if (!isMap(root)) {
    inventory.error(lineOf(root as Node), 'An Ansible YAML inventory is a mapping of groups, e.g. all: { hosts: … }.')
    return inventory.result()
  }
  for (const entry of entries(root, 'Inventory')) parseGroup(entry.key, entry.value, entry.line)
  return inventory.result()
}
