import { CsvError, parse } from 'csv-parse/sync'
import { type RawHost, validateHost } from './fields'
import { type ImportHost, type ImportIssue, MAX_IMPORT_HOSTS, type ParseResult } from './types'

// CSV with a header row. Columns (any order, case-insensitive; only `name` or `host` needed):
export const csvColumns = [
  'name',
  'host',
  'port',
  'user',
  'labels',
  'resource_pool',
  'region',
  'encoding',
  'proxy',
] as const
type Column = (typeof csvColumns)[number]
const ALIASES: Record<string, Column> = { username: 'user' }

const columnOf = (header: string): Column | undefined => {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  return ALIASES[key] ?? ((csvColumns as readonly string[]).find((c) => c === key) as Column | undefined)
}

/** Comma unless the header row plainly uses semicolons or tabs (spreadsheet exports in some locales). */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/))
  for (const d of [',', ';', '\t']) if (header.includes(d)) return d
  return ','
}

const newlines = (value: string) => value.split('\n').length - 1

export function parseCsv(input: string): ParseResult {
  // One line ending throughout, so csv-parse's line count matches what an editor shows.
  const text = input.replace(/\r\n?/g, '\n')
  const errors: ImportIssue[] = []
  type Row = { record: string[]; lines: number }
  const ends = new Map<string[], number>()
  let records: Row[]
  let lastLine = 0
  try {
    const parsed = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // context.lines is the line the record ends on.
      on_record: (record: string[], context) => {
        lastLine = context.lines
        ends.set(record, context.lines)
        return record
      },
    })
    records = parsed.map((record) => ({ record, lines: ends.get(record) ?? lastLine }))
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    // An unclosed quote runs to the end of the text: the record it opens starts after the last good one.
    const line =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? firstContentLine(text, lastLine + 1)
        : ((error as CsvError & { lines?: number }).lines ?? lastLine + 1)
    return {
      hosts: [],
      errors: [{ line, message: `CSV: ${error.message.replace(/ at line \d+.*$/, '')}.` }],
      replacesLabels: false,
    }
  }
  if (!records.length) return { hosts: [], errors: [], replacesLabels: false }

  // Quoted newlines inside a record put its first line above the one it ends on.
  const startLine = (r: Row) => r.lines - r.record.reduce((n, field) => n + newlines(field), 0)

  const [header, ...rows] = records
  const headerLine = startLine(header)
  const columns = header.record.map(columnOf)
  const unknown = header.record.filter((_, i) => !columns[i]).map((h) => JSON.stringify(h.trim()))
  if (unknown.length) {
    errors.push({
      line: headerLine,
      message: `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}. The columns are ${csvColumns.join(', ')} (user may also be called username).`,
    })
  }
  const repeated = columns.filter((c, i) => c && columns.indexOf(c) !== i)
  if (repeated.length) errors.push({ line: headerLine, message: `Column ${repeated[0]} appears twice.` })
  if (!columns.includes('name') && !columns.includes('host'))
    errors.push({ line: headerLine, message: 'The header row needs a name or a host column.' })
  if (errors.length) return { hosts: [], errors, replacesLabels: false }

  if (rows.length > MAX_IMPORT_HOSTS) {
    errors.push({
      line: startLine(rows[MAX_IMPORT_HOSTS]),
      message: `The file has ${rows.length} rows; one import takes at most ${MAX_IMPORT_HOSTS}. Split it into several imports.`,
    })
  }
  const hosts: ImportHost[] = []
  const seen = new Map<string, number>()
  for (const row of rows.slice(0, MAX_IMPORT_HOSTS)) {
    const line = startLine(row)
    if (row.record.length !== columns.length) {
      errors.push({ line, message: `This row has ${row.record.length} fields; the header has ${columns.length}.` })
      continue
    }
    const cell = (c: Column) => row.record[columns.indexOf(c)]?.trim() ?? ''
    const raw: RawHost = {
      name: cell('name') || cell('host'),
      host: cell('host') || cell('name'),
      port: cell('port') || undefined,
      username: cell('user') || undefined,
      labels: cell('labels')
        .split(/[\s,;]+/)
        .filter(Boolean),
      resourcePool: cell('resource_pool') || undefined,
      region: cell('region') || undefined,
      encoding: cell('encoding') || undefined,
      proxy: cell('proxy') || undefined,
      line,
    }
    const checked = validateHost(raw)
    if (checked.errors) {
      for (const message of checked.errors) errors.push({ line, message })
      continue
    }
    const first = seen.get(checked.host.name)
    if (first) {
      errors.push({ line, message: `The name ${checked.host.name} is already on line ${first}.` })
      continue
    }
    seen.set(checked.host.name, line)
    hosts.push(checked.host)
  }
  return { hosts, errors, replacesLabels: columns.includes('labels') }
}

function firstContentLine(text: string, from: number): number {
  const lines = text.split('\n')
  for (let i = from - 1; i < lines.length; i++) if (lines[i]?.trim()) return i + 1
  return from
}
