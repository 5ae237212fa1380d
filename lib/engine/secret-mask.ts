import iconv from 'iconv-lite'
import { partialMatchLength } from './partial-match'

// Secret parameter values never reach stored output (PRODUCT.md §1): a script that prints
// one is stored with ****** in its place. Output arrives in arbitrary chunks, so a secret
// split across two chunks must still be caught: each stream holds back the bytes at its
// end that could begin a secret until the next chunk or the end.

export const MASK = '******'
const MASK_BYTES = Buffer.from(MASK)

/**
 * Shorter values are not masked: replacing every "ab" in a log would destroy it and hide
 * next to nothing. The README says so.
 */
export const MIN_MASKED_LENGTH = 4

/** The byte sequences to mask for these values, in UTF-8 and in the target's encoding. */
export function secretPatterns(values: string[], encoding: string): Buffer[] {
  const patterns = new Map<string, Buffer>()
  for (const value of values) {
    if (value.length < MIN_MASKED_LENGTH) continue
    const forms: Buffer[] = [Buffer.from(value)]
    if (iconv.encodingExists(encoding)) forms.push(iconv.encode(value, encoding))
    for (const form of forms) patterns.set(form.toString('hex'), form)
  }
  return [...patterns.values()]
}

/** One stream's masker. `mask` returns what may be stored now; `end` returns the rest. */
export class SecretMasker {
  private carry = Buffer.alloc(0)

  constructor(private readonly patterns: Buffer[]) {}

  mask(chunk: Buffer): Buffer {
    if (!this.patterns.length) return chunk
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk
    const keepFrom = data.length - Math.max(0, ...this.patterns.map((p) => partialMatchLength(data, p)))
    const parts: Buffer[] = []
    let pos = 0
    for (let match = this.next(data, pos); match && match.index < keepFrom; match = this.next(data, pos)) {
      parts.push(data.subarray(pos, match.index), MASK_BYTES)
      pos = match.index + match.length
    }
    const cut = Math.max(pos, keepFrom)
    parts.push(data.subarray(pos, cut))
    this.carry = Buffer.from(data.subarray(cut))
    return Buffer.concat(parts)
  }

  end(): Buffer {
    const rest = this.carry
    this.carry = Buffer.alloc(0)
    if (!rest.length) return rest
    const parts: Buffer[] = []
    let pos = 0
    for (let match = this.next(rest, pos); match; match = this.next(rest, pos)) {
      parts.push(rest.subarray(pos, match.index), MASK_BYTES)
      pos = match.index + match.length
    }
    parts.push(rest.subarray(pos))
    return Buffer.concat(parts)
  }

  /** The earliest match at or after `from` (the longest when several start there). */
  private next(data: Buffer, from: number): { index: number; length: number } | null {
    let best: { index: number; length: number } | null = null
    for (const pattern of this.patterns) {
      const index = data.indexOf(pattern, from)
      if (index < 0) continue
      if (!best || index < best.index || (index === best.index && pattern.length > best.length))
        best = { index, length: pattern.length }
    }
    return best
  }
}

/** Masks secret values inside collected output parameters (KEY=VALUE). */
export function maskText(text: string, values: string[]): string {
  let masked = text
  for (const value of values) if (value.length >= MIN_MASKED_LENGTH) masked = masked.split(value).join(MASK)
  return masked
}
