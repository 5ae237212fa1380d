import { checkHost, checkPort, checkUser, labelError, validateHost } from './fields'
import { expandHostPattern, splitPort } from './ranges'
import { type ImportHost, type ImportIssue, MAX_IMPORT_HOSTS, type ParseResult } from './types'

// What the INI and YAML inventory parsers share: Ansible's group model. Groups become labels
// (with every ancestor group, except the implicit "all" and "ungrouped"), ansible_host /
// ansible_port / ansible_user map to fields, and variables follow Ansible's precedence:
// host > deeper group > shallower group > all, ties between groups of one depth going to
// the name last in alphabetical order.

type Slot = 'host' | 'port' | 'user'
type Value = { value: string | number; line: number; alias: boolean }
type Vars = Partial<Record<Slot, Value>>

const VARS: Record<string, { slot: Slot; alias: boolean }> = {
  ansible_host: { slot: 'host', alias: false },
  ansible_port: { slot: 'port', alias: false },
  ansible_user: { slot: 'user', alias: false },
  // Pre-2.0 names, still in many inventories; the current names win over them.
  ansible_ssh_host: { slot: 'host', alias: true },
  ansible_ssh_port: { slot: 'port', alias: true },
  ansible_ssh_user: { slot: 'user', alias: true },
}
const CHECKS = { host: checkHost, port: checkPort, user: checkUser }

interface Group {
  name: string
  line: number
  label: boolean
  children: Map<string, number>
  vars: Vars
}

interface Host {
  name: string
  line: number
  groups: Set<string>
  vars: Vars
  /** One of its own variables was refused (and reported): previewing it with a default would mislead. */
  broken: boolean
}

const IMPLICIT_GROUPS = new Set(['all', 'ungrouped'])

export class Inventory {
  private groups = new Map<string, Group>()
  private hosts = new Map<string, Host>()
  private errors: ImportIssue[] = []
  private tooMany = false

  constructor() {
    this.group('all', 0)
    this.group('ungrouped', 0)
  }

  error(line: number, message: string) {
    this.errors.push({ line, message })
  }

  /** The group of this name, declared at `line` if it is new. */
  group(name: string, line: number): Group {
    let group = this.groups.get(name)
    if (!group) {
      const problem = IMPLICIT_GROUPS.has(name) ? null : labelError(name)
      if (problem) this.error(line, `Group ${problem}`)
      group = { name, line, label: !problem && !IMPLICIT_GROUPS.has(name), children: new Map(), vars: {} }
      this.groups.set(name, group)
    }
    return group
  }

  addChild(parent: string, child: string, line: number) {
    if (child === 'all') return this.error(line, 'The group "all" contains every group; it cannot be a child.')
    const group = this.group(parent, line)
    if (!group.children.has(child)) group.children.set(child, line)
  }

  /** Sets a variable of a group (or of a host, through addHosts); only the SSH ones matter. False when refused. */
  setVar(vars: Vars, key: string, value: unknown, line: number): boolean {
    const known = VARS[key]
    if (!known || value === null || value === undefined || value === '') return true
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.error(line, `${key} must be a single value.`)
      return false
    }
    const checked = CHECKS[known.slot](value)
    if ('error' in checked) {
      this.error(line, `${key}: ${checked.error}`)
      return false
    }
    const current = vars[known.slot]
    if (!current || current.alias || !known.alias) vars[known.slot] = { value: checked.value, line, alias: known.alias }
    return true
  }

  /** Adds the hosts of an Ansible host pattern (ranges, optional :port) to a group. */
  addHosts(groupName: string, pattern: string, line: number, vars: { key: string; value: unknown; line: number }[]) {
    const split = splitPort(pattern)
    if ('error' in split) return this.error(line, split.error)
    const expansion = expandHostPattern(split.pattern)
    if ('error' in expansion) return this.error(line, expansion.error)
    const group = this.group(groupName, line)
    // Checked once for the whole pattern, so a range reports a bad value once.
    const own: Vars = {}
    let ok = split.port ? this.setVar(own, 'ansible_port', split.port, line) : true
    for (const v of vars) ok = this.setVar(own, v.key, v.value, v.line) && ok
    for (const name of expansion.names) {
      let host = this.hosts.get(name)
      if (!host) {
        if (this.hosts.size >= MAX_IMPORT_HOSTS) {
          if (!this.tooMany)
            this.error(line, `More than ${MAX_IMPORT_HOSTS} hosts: split the inventory into several imports.`)
          this.tooMany = true
          return
        }
        host = { name, line, groups: new Set(), vars: {}, broken: false }
        this.hosts.set(name, host)
      }
      host.groups.add(group.name)
      if (!ok) host.broken = true
      for (const [slot, value] of Object.entries(own) as [Slot, Value][]) {
        const current = host.vars[slot]
        if (!current || current.alias || !value.alias) host.vars[slot] = value
      }
    }
  }

  /** Resolves groups into labels and variables, checks every host, and reports cycles. */
  result(): ParseResult {
    this.breakCycles()
    const parents = new Map<string, Set<string>>()
    for (const group of this.groups.values()) {
      for (const child of group.children.keys()) {
        if (!parents.has(child)) parents.set(child, new Set())
        parents.get(child)!.add(group.name)
      }
    }
    const depths = new Map<string, number>([['all', 0]])
    const depth = (name: string): number => {
      if (!depths.has(name)) depths.set(name, 1 + Math.max(0, ...[...(parents.get(name) ?? [])].map(depth)))
      return depths.get(name)!
    }
    const ancestors = new Map<string, Set<string>>()
    const ancestorsOf = (name: string): Set<string> => {
      if (!ancestors.has(name)) {
        const found = new Set<string>()
        for (const parent of parents.get(name) ?? []) {
          found.add(parent)
          for (const a of ancestorsOf(parent)) found.add(a)
        }
        ancestors.set(name, found)
      }
      return ancestors.get(name)!
    }

    const hosts: ImportHost[] = []
    for (const host of this.hosts.values()) {
      const member = new Set(['all'])
      for (const g of host.groups) {
        member.add(g)
        for (const a of ancestorsOf(g)) member.add(a)
      }
      const ordered = [...member].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0))
      const vars: Vars = {}
      for (const g of ordered) Object.assign(vars, this.groups.get(g)?.vars)
      Object.assign(vars, host.vars)
      const labels = ordered.filter((g) => this.groups.get(g)?.label).sort()
      const checked = validateHost({
        name: host.name,
        host: vars.host ? String(vars.host.value) : undefined,
        port: vars.port?.value,
        username: vars.user ? String(vars.user.value) : undefined,
        labels,
        line: host.line,
      })
      if (checked.host) {
        if (!host.broken) hosts.push(checked.host)
      } else for (const message of checked.errors) this.error(host.line, `${host.name}: ${message}`)
    }
    return { hosts, errors: this.errors.sort((a, b) => a.line - b.line), replacesLabels: true }
  }

  /** Ansible refuses a group that contains itself; so do we, naming the line that closes the loop. */
  private breakCycles() {
    const state = new Map<string, 'open' | 'done'>()
    const visit = (name: string, path: string[]) => {
      state.set(name, 'open')
      const group = this.groups.get(name)
      for (const [child, line] of group?.children ?? []) {
        if (state.get(child) === 'open') {
          const stack = [...path, name]
          const loop = [...stack.slice(stack.indexOf(child)), child].join(' → ')
          this.error(line, `Groups contain each other in a loop: ${loop}.`)
          group!.children.delete(child)
        } else if (!state.has(child)) visit(child, [...path, name])
      }
      state.set(name, 'done')
    }
    for (const name of [...this.groups.keys()]) if (!state.has(name)) visit(name, [])
  }
}
