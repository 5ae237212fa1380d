import { MAX_IMPORT_HOSTS } from './types'

// Ansible host ranges: web[01:10].example.com, db-[a:f], node[1:9:2]; several ranges in one
// pattern multiply. Zero-padded starts keep their width, as in Ansible.

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'

type Part = string | string[]

export type Expansion = { names: string[] } | { error: string }

function expandRange(spec: string): string[] | string {
  const bounds = spec.split(':')
  if (bounds.length !== 2 && bounds.length !== 3)
    return `Host range [${spec}] must be [start:end] or [start:end:step], e.g. web[01:10].`
  const [start = '', end = '', stepText = '1'] = bounds.map((b) => b.trim())
  const begin = start || '0'
  if (!end) return `Host range [${spec}] has no end.`
  if (!/^[1-9]\d*$/.test(stepText)) return `Host range [${spec}] needs a whole-number step of 1 or more.`
  const step = Number(stepText)
  if (/^\d+$/.test(begin) && /^\d+$/.test(end)) {
    const width = begin.length > 1 && begin.startsWith('0') ? begin.length : 0
    if (width && end.length !== width)
      return `Host range [${spec}]: a zero-padded start and its end must have the same width, e.g. [01:10].`
    const from = Number(begin)
    const to = Number(end)
    if (from > to) return `Host range [${spec}] starts after its end.`
    const count = Math.floor((to - from) / step) + 1
    if (count > MAX_IMPORT_HOSTS)
      return `Host range [${spec}] makes ${count} hosts; one import takes at most ${MAX_IMPORT_HOSTS}.`
    return Array.from({ length: count }, (_, i) => String(from + i * step).padStart(width, '0'))
  }
  const from = begin.length === 1 ? LETTERS.indexOf(begin) : -1
  const to = end.length === 1 ? LETTERS.indexOf(end) : -1
  if (from < 0 || to < 0) return `Host range [${spec}] must run between two numbers or two letters.`
  if (from > to) return `Host range [${spec}] starts after its end.`
  const names: string[] = []
  for (let i = from; i <= to; i += step) names.push(LETTERS[i]!)
  return names
}

/** Expands every [a:b] range in a host pattern; a pattern without one is itself. */
export function expandHostPattern(pattern: string): Expansion {
  const parts: Part[] = []
  let rest = pattern
  while (rest) {
    const open = rest.indexOf('[')
    const close = rest.indexOf(']')
    if (open < 0 && close < 0) {
      parts.push(rest)
      break
    }
    if (close < 0) return { error: `Host pattern ${pattern} has a "[" without its "]".` }
    if (open < 0 || close < open) return { error: `Host pattern ${pattern} has a "]" without its "[".` }
    const range = expandRange(rest.slice(open + 1, close))
    if (typeof range === 'string') return { error: range }
    parts.push(rest.slice(0, open), range)
    rest = rest.slice(close + 1)
  }
  const total = parts.reduce((n, p) => n * (typeof p === 'string' ? 1 : p.length), 1)
  if (total > MAX_IMPORT_HOSTS)
    return { error: `Host pattern ${pattern} makes ${total} hosts; one import takes at most ${MAX_IMPORT_HOSTS}.` }
  let names = ['']
  for (const part of parts) {
    names = typeof part === 'string' ? names.map((n) => n + part) : names.flatMap((n) => part.map((p) => n + p))
  }
  return { names }
}

/**
 * Splits "host:port" (Ansible's INI shorthand). A colon inside a range or in an IPv6 address
 * is not a port separator, so only a last ":digits" after a colon-free host counts.
 */
export function splitPort(pattern: string): { pattern: string; port?: string } | { error: string } {
  if (pattern.endsWith(':'))
    return { error: `Host pattern ${pattern} ends in ":"; put the port after it or remove it.` }
  const match = /^(.*):(\d+)$/.exec(pattern)
  if (!match) return { pattern }
  const hostPart = match[1]!
  const outsideRanges = hostPart.replace(/\[[^\]]*\]/g, '')
  if (outsideRanges.includes(':')) return { pattern }
  return { pattern: hostPart, port: match[2] }
}
