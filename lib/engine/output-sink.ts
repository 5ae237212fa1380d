import 'server-only'
import { createHash, type Hash } from 'node:crypto'
import { db } from '@/lib/db'
import { runChanged } from './run-events'

// Output is stored as it arrives (ARCHITECTURE.md decision 6): raw bytes, appended per run
// in batches — one transaction every flushIntervalMs or flushBytes, whichever comes first
// — and capped per target-run and stream; past the cap bytes are only counted. What waits
// for the database is bounded too: past maxBufferedBytes (4 MiB), write() hands its caller a promise
// to wait for (exec pauses the SSH channel), so a database slower than the hosts slows the
// hosts down instead of filling this process's memory.

export type Stream = 'stdout' | 'stderr'

export interface OutputSinkOptions {
  /** Bytes kept per target-run and stream (FANOUT_OUTPUT_CAP). */
  capBytes: number
  flushIntervalMs?: number
  flushBytes?: number
  /** Bytes pending or being written past which writers are asked to wait. */
  maxBufferedBytes?: number
  /** The first chunk's seq: past what the run stored before it paused at a confirmation. */
  firstSeq?: number
}

interface Counters {
  /** Over the kept bytes, for grouping targets by identical output. */
  stdoutHash: Hash
  stderrHash: Hash
  stdoutBytes: number
  stderrBytes: number
  stdoutDropped: number
  stderrDropped: number
}

export const defaultOutputCap = 10 * 1024 * 1024

// The counters are 32-bit integer columns; a host printing more than 2 GiB saturates them.
const MAX_COUNTER = 2 ** 31 - 1

export class RunOutputSink {
  private seq = 0
  private pending: { targetRunId: string; stream: Stream; data: Buffer }[] = []
  private pendingBytes = 0
  private writingBytes = 0
  private readonly counters = new Map<string, Counters>()
  private readonly dirty = new Set<string>()
  private flushing: Promise<void> = Promise.resolve()
  private flushQueued = false
  private drained: { promise: Promise<void>; resolve: () => void } | null = null
  private readonly timer: NodeJS.Timeout
  private readonly flushBytes: number
  private readonly maxBufferedBytes: number

  constructor(
    private readonly runId: string,
    private readonly options: OutputSinkOptions,
  ) {
    // Large batches: each flush is a transaction, and on SQLite it blocks the event loop
    // while it commits; 64 KiB batches capped a 50 MB output at ~15 MB/s (bench/).
    this.flushBytes = options.flushBytes ?? 1024 * 1024
    this.maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024
    this.seq = options.firstSeq ?? 0
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 200)
    this.timer.unref()
  }

  /**
   * Takes a chunk a target printed; never throws (it runs inside ssh2's data handlers).
   * Returns a promise, which never rejects, while too much waits for the database: read no
   * more from that target until it resolves.
   */
  write(targetRunId: string, stream: Stream, chunk: Buffer): Promise<void> | undefined {
    const c = this.countersOf(targetRunId)
    const kept = stream === 'stdout' ? c.stdoutBytes - c.stdoutDropped : c.stderrBytes - c.stderrDropped
    const room = Math.max(0, this.options.capBytes - kept)
    const keep = Math.min(room, chunk.length)
    if (stream === 'stdout') {
      c.stdoutBytes += chunk.length
      c.stdoutDropped += chunk.length - keep
    } else {
      c.stderrBytes += chunk.length
      c.stderrDropped += chunk.length - keep
    }
    this.dirty.add(targetRunId)
    if (keep > 0) {
      // Copy: ssh2 may reuse the buffer it handed us.
      const data = Buffer.from(chunk.subarray(0, keep))
      ;(stream === 'stdout' ? c.stdoutHash : c.stderrHash).update(data)
      this.pending.push({ targetRunId, stream, data })
      this.pendingBytes += keep
    }
    if (this.pendingBytes >= this.flushBytes && !this.flushQueued) {
      this.flushQueued = true
      void this.flush()
    }
    if (this.pendingBytes + this.writingBytes < this.maxBufferedBytes) return undefined
    if (!this.drained) {
      let resolve!: () => void
      const promise = new Promise<void>((r) => (resolve = r))
      this.drained = { promise, resolve }
    }
    return this.drained.promise
  }

  /** Writes what is pending; flushes never overlap, and resolve in order. */
  flush(): Promise<void> {
    this.flushing = this.flushing
      .then(() => {
        this.flushQueued = false
        return this.writePending()
      })
      .catch((error) => {
        console.error(
          `[fanout] storing output of run ${this.runId} failed:`,
          error instanceof Error ? error.message : error,
        )
      })
      .finally(() => this.releaseWriters())
    return this.flushing
  }

  /** Flushes and stops the timer; call when the run ends. */
  async close() {
    clearInterval(this.timer)
    await this.flush()
  }

  private releaseWriters() {
    if (!this.drained || this.pendingBytes + this.writingBytes >= this.maxBufferedBytes) return
    this.drained.resolve()
    this.drained = null
  }

  /**
   * A hash of everything the target-run printed, stdout and stderr apart (their interleaving
   * differs from host to host even when what they print does not); call once, when it ends.
   */
  digest(targetRunId: string): string {
    const c = this.countersOf(targetRunId)
    return createHash('sha256')
      .update(c.stdoutHash.digest())
      .update(c.stderrHash.digest())
      .update(`${c.stdoutBytes}:${c.stderrBytes}`)
      .digest('hex')
  }

  private countersOf(targetRunId: string): Counters {
    let c = this.counters.get(targetRunId)
    if (!c) {
      c = {
        stdoutHash: createHash('sha256'),
        stderrHash: createHash('sha256'),
        stdoutBytes: 0,
        stderrBytes: 0,
        stdoutDropped: 0,
        stderrDropped: 0,
      }
      this.counters.set(targetRunId, c)
    }
    return c
  }

  private stored(targetRunId: string) {
    const c = this.counters.get(targetRunId)!
    return {
      stdoutBytes: Math.min(c.stdoutBytes, MAX_COUNTER),
      stderrBytes: Math.min(c.stderrBytes, MAX_COUNTER),
      stdoutDropped: Math.min(c.stdoutDropped, MAX_COUNTER),
      stderrDropped: Math.min(c.stderrDropped, MAX_COUNTER),
    }
  }

  private async writePending() {
    if (!this.pending.length && !this.dirty.size) return
    const batch = this.pending
    const touched = [...this.dirty]
    const batchBytes = this.pendingBytes
    this.pending = []
    this.pendingBytes = 0
    this.writingBytes = batchBytes
    this.dirty.clear()
    // One row per target-run and stream per flush: the streams are stored and shown apart,
    // so only the order within each stream matters.
    const grouped = new Map<string, { targetRunId: string; stream: Stream; parts: Buffer[]; size: number }>()
    for (const p of batch) {
      const key = `${p.targetRunId}\0${p.stream}`
      const group = grouped.get(key) ?? { targetRunId: p.targetRunId, stream: p.stream, parts: [], size: 0 }
      group.parts.push(p.data)
      group.size += p.data.length
      grouped.set(key, group)
    }
    const rows = [...grouped.values()].map((g) => ({
      runId: this.runId,
      seq: this.seq++,
      targetRunId: g.targetRunId,
      stream: g.stream,
      data: joined(g.parts, g.size),
    }))
    try {
      await db.$transaction([
        ...(rows.length ? [db.outputChunk.createMany({ data: rows })] : []),
        ...touched.map((id) => db.targetRun.update({ where: { id }, data: this.stored(id) })),
      ])
      runChanged(this.runId)
    } catch (error) {
      // Keep the batch for the next flush (e.g. the database was briefly away).
      this.seq -= rows.length
      this.pending = [...batch, ...this.pending]
      this.pendingBytes += batchBytes
      for (const id of touched) this.dirty.add(id)
      throw error
    } finally {
      this.writingBytes = 0
    }
  }
}

/** One copy into a buffer of its own (Buffer.concat may hand out a slice of a shared pool). */
function joined(parts: Buffer[], size: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(size)
  let offset = 0
  for (const part of parts) {
    data.set(part, offset)
    offset += part.length
  }
  return data
}
