import 'server-only'
import { db } from '@/lib/db'

// Output is stored as it arrives (ARCHITECTURE.md decision 6): raw bytes, appended per run
// in batches — one transaction every flushIntervalMs or flushBytes, whichever comes first
// — and capped per target-run and stream; past the cap bytes are only counted. Memory is
// bounded by the cap: what is kept waits at most one flush.

export type Stream = 'stdout' | 'stderr'

export interface OutputSinkOptions {
  /** Bytes kept per target-run and stream (FANOUT_OUTPUT_CAP). */
  capBytes: number
  flushIntervalMs?: number
  flushBytes?: number
}

interface Counters {
  stdoutBytes: number
  stderrBytes: number
  stdoutDropped: number
  stderrDropped: number
}

export const defaultOutputCap = 10 * 1024 * 1024

export class RunOutputSink {
  private seq = 0
  private pending: { targetRunId: string; stream: Stream; data: Buffer }[] = []
  private pendingBytes = 0
  private readonly counters = new Map<string, Counters>()
  private readonly dirty = new Set<string>()
  private flushing: Promise<void> = Promise.resolve()
  private readonly timer: NodeJS.Timeout
  private readonly flushBytes: number

  constructor(
    private readonly runId: string,
    private readonly options: OutputSinkOptions,
  ) {
    this.flushBytes = options.flushBytes ?? 64 * 1024
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 200)
    this.timer.unref()
  }

  /** Takes a chunk a target printed; never throws (it runs inside ssh2's data handlers). */
  write(targetRunId: string, stream: Stream, chunk: Buffer) {
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
      this.pending.push({ targetRunId, stream, data: Buffer.from(chunk.subarray(0, keep)) })
      this.pendingBytes += keep
    }
    if (this.pendingBytes >= this.flushBytes) void this.flush()
  }

  /** Writes what is pending; flushes never overlap, and resolve in order. */
  flush(): Promise<void> {
    this.flushing = this.flushing
      .then(() => this.writePending())
      .catch((error) => {
        console.error(
          `[fanout] storing output of run ${this.runId} failed:`,
          error instanceof Error ? error.message : error,
        )
      })
    return this.flushing
  }

  /** Flushes and stops the timer; call when the run ends. */
  async close() {
    clearInterval(this.timer)
    await this.flush()
  }

  private countersOf(targetRunId: string): Counters {
    let c = this.counters.get(targetRunId)
    if (!c) {
      c = { stdoutBytes: 0, stderrBytes: 0, stdoutDropped: 0, stderrDropped: 0 }
      this.counters.set(targetRunId, c)
    }
    return c
  }

  private async writePending() {
    if (!this.pending.length && !this.dirty.size) return
    const batch = this.pending
    const touched = [...this.dirty]
    this.pending = []
    this.pendingBytes = 0
    this.dirty.clear()
    // One row per target-run and stream per flush: the streams are stored and shown apart,
    // so only the order within each stream matters.
    const grouped = new Map<string, { targetRunId: string; stream: Stream; parts: Buffer[] }>()
    for (const p of batch) {
      const key = `${p.targetRunId}\0${p.stream}`
      const group = grouped.get(key) ?? { targetRunId: p.targetRunId, stream: p.stream, parts: [] }
      group.parts.push(p.data)
      grouped.set(key, group)
    }
    const rows = [...grouped.values()].map((g) => ({
      runId: this.runId,
      seq: this.seq++,
      targetRunId: g.targetRunId,
      stream: g.stream,
      data: new Uint8Array(Buffer.concat(g.parts)),
    }))
    try {
      await db.$transaction([
        ...(rows.length ? [db.outputChunk.createMany({ data: rows })] : []),
        ...touched.map((id) => db.targetRun.update({ where: { id }, data: { ...this.counters.get(id)! } })),
      ])
    } catch (error) {
      // Keep the batch for the next flush (e.g. the database was briefly away).
      this.seq -= rows.length
      this.pending = [...batch, ...this.pending]
      this.pendingBytes += batch.reduce((n, p) => n + p.data.length, 0)
      for (const id of touched) this.dirty.add(id)
      throw error
    }
  }
}
