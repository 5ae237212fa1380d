/**
 * How many bytes at the end of `data` could be the start of `pattern` (at most its length
 * less one): what a stream filter must hold back until the next chunk shows whether the
 * pattern follows. Usually 0, so live output is not delayed.
 */
export function partialMatchLength(data: Buffer, pattern: Buffer): number {
  for (let k = Math.min(pattern.length - 1, data.length); k > 0; k--) {
    if (data.compare(pattern, 0, k, data.length - k) === 0) return k
  }
  return 0
}
