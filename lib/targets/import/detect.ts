import type { ImportFormat } from './types'

/**
 * Guesses the format of pasted text: a [section] line means Ansible INI, a `key:` line means
 * YAML, a first line with commas or semicolons naming name/host means CSV. A bare list of
 * host names is a valid INI inventory (its hosts are "ungrouped"), so INI is the fallback.
 */
export function detectFormat(text: string): ImportFormat {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith(';'))
  const first = lines[0] ?? ''
  if (first === '---' || /^[^\s:[\]{},]+:(\s|$)/.test(first)) return 'yaml'
  if (first.startsWith('[')) return 'ini'
  if (/[,;\t]/.test(first) && /\b(name|host)\b/i.test(first)) return 'csv'
  return 'ini'
}

/** The format a file name announces, if it announces one (Ansible's `hosts` files have no extension). */
export function formatOfFileName(fileName: string): ImportFormat | null {
  const ext = fileName.toLowerCase().match(/\.([a-z]+)$/)?.[1]
  if (ext === 'csv') return 'csv'
  if (ext === 'yml' || ext === 'yaml') return 'yaml'
  if (ext === 'ini' || ext === 'cfg') return 'ini'
  return null
}
