import { parseCsv } from './csv'
import { parseIni } from './ini'
import type { ImportFormat, ParseResult } from './types'
import { parseYamlInventory } from './yaml'

const parsers: Record<ImportFormat, (text: string) => ParseResult> = {
  csv: parseCsv,
  ini: parseIni,
  yaml: parseYamlInventory,
}

/** Reads pasted or uploaded text in one format into hosts and line-numbered errors. */
export function parseImport(format: ImportFormat, text: string): ParseResult {
  return parsers[format](text)
}
