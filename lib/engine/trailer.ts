import { partialMatchLength } from './partial-match'

// The wrapper (remote.ts) ends a script's stdout with a marker line and the output
// parameters. This splits them off as the stream goes by: bytes that could be the start of
// the marker wait for the next chunk, everything after the marker is the trailer.

const MAX_TRAILER_BYTES = 1024 * 1024

export class TrailerSplitter {
  private carry = Buffer.alloc(0)
  private found = false
  private readonly trailerParts: Buffer[] = []
  private trailerBytes = 0
  private readonly marker: Buffer

  constructor(marker: string) {
    this.marker = Buffer.from(`${marker}\n`)
  }

  /** The part of `chunk` that is the script's own stdout (possibly empty). */
  push(chunk: Buffer): Buffer {
    if (this.found) {
      this.keep(chunk)
      return Buffer.alloc(0)
    }
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk
    const at = data.indexOf(this.marker)
    if (at >= 0) {
      this.found = true
      this.carry = Buffer.alloc(0)
      this.keep(data.subarray(at + this.marker.length))
      return data.subarray(0, at)
    }
    const cut = data.length - partialMatchLength(data, this.marker)
    this.carry = Buffer.from(data.subarray(cut))
    return data.subarray(0, cut)
  }

  /** What was held back at the end of the stream: stdout, since no marker followed. */
  end(): Buffer {
    const rest = this.carry
    this.carry = Buffer.alloc(0)
    return rest
  }

  /** The text after the marker: KEY=VALUE lines. */
  get trailer(): string {
    return Buffer.concat(this.trailerParts).toString('utf8')
  }

  private keep(part: Buffer) {
    if (this.trailerBytes >= MAX_TRAILER_BYTES) return
    const kept = part.subarray(0, MAX_TRAILER_BYTES - this.trailerBytes)
    this.trailerParts.push(Buffer.from(kept))
    this.trailerBytes += kept.length
  }
}
