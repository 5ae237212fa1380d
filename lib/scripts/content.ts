import { createHash } from 'node:crypto'

/** The largest script Fanout stores, in UTF-8 bytes (server actions accept bodies up to 1 MB). */
export const MAX_CONTENT_BYTES = 256 * 1024

/**
 * Content as stored: exactly as typed, except that CRLF becomes LF and a leading UTF-8 BOM is
 * dropped. Both break scripts on Unix hosts ($'\r': command not found, a BOM before `#!`).
 * A lone CR is left alone: it may be meant (e.g. a progress line).
 */
export function normaliseContent(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return withoutBom.replace(/\r\n/g, '\n')
}

/** Hex sha256 of the content's UTF-8 bytes, as a run records the exact text it executed. */
export function contentSha256(normalised: string): string {
  return createHash('sha256').update(normalised, 'utf8').digest('hex')
}

export function contentBytes(text: string): number {
  return new TextEncoder().encode(text).length
}
