import { createHash, type Hash } from 'node:crypto'

export type Stream = 'stdout' | 'stderr'

// The counters are 32-bit integer columns; a host printing more than 2 GiB saturates them.
const MAX_COUNTER = 2 ** 31 - 1

/**
 * What one target-run printed, per stream: bytes received, bytes dropped past the cap, and a
 * hash of the bytes kept (for grouping targets by identical output).
 */
export class OutputCounters {
  private readonly hashes = { stdout: createHash('sha256'), stderr: createHash('sha256') } satisfies Record<
    Stream,
    Hash
  >
  private readonly bytes = { stdout: 0, stderr: 0 }
  private readonly dropped = { stdout: 0, stderr: 0 }

  /** Bytes of the stream kept so far. */
  kept(stream: Stream) {
    return this.bytes[stream] - this.dropped[stream]
  }

  /** Counts a chunk received, of which `keep` (its first bytes) is kept. */
  received(stream: Stream, chunk: Buffer, keep: Buffer | null) {
    this.bytes[stream] += chunk.length
    if (keep) this.hashes[stream].update(keep)
  }

  drop(stream: Stream, bytes: number) {
    this.dropped[stream] += bytes
  }

  /**
   * A hash of everything the target-run printed, stdout and stderr apart (their interleaving
   * differs from host to host even when what they print does not); call once, when it ends.
   */
  digest(): string {
    return createHash('sha256')
      .update(this.hashes.stdout.digest())
      .update(this.hashes.stderr.digest())
      .update(`${this.bytes.stdout}:${this.bytes.stderr}`)
      .digest('hex')
  }

  /** The TargetRun columns. */
  columns() {
    return {
      stdoutBytes: Math.min(this.bytes.stdout, MAX_COUNTER),
      stderrBytes: Math.min(this.bytes.stderr, MAX_COUNTER),
      stdoutDropped: Math.min(this.dropped.stdout, MAX_COUNTER),
      stderrDropped: Math.min(this.dropped.stderr, MAX_COUNTER),
    }
  }
}
