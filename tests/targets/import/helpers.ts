import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ImportHost, ParseResult } from '@/lib/targets/import/types'

export const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8')

/** Hosts by name without their line numbers: what two formats of one inventory must agree on. */
export const byName = (result: ParseResult) =>
  Object.fromEntries(
    result.hosts.map(({ line: _line, ...host }) => [host.name, host] as [string, Omit<ImportHost, 'line'>]),
  )

/** The errors as "line: message", the way the preview lists them. */
export const errorLines = (result: ParseResult) => result.errors.map((e) => `${e.line}: ${e.message}`)
