import 'server-only'
import { db, Prisma } from '@/lib/db'
import { briefly, databaseFailureKind, describeDatabaseFailure, retryDelayMs } from './database-failure'
import { OutputCounters, type Stream } from './output-counters'
import { runChanged } from './run-events'

// Output is stored as it arrives (ARCHITECTURE.md decision 6): raw bytes, appended per run
// in batches — one transaction every flushIntervalMs or flushBytes, whichever comes first
// — and capped per target-run and stream; past the cap bytes are only counted. What waits
// for the database is bounded too: past maxBufferedBytes (4 MiB), write() hands its caller a promise
// to wait for (exec pauses the SSH channel), so a database slower than the hosts slows the
// hosts down instead of filling this process's memory.
//
// A batch the database refused is tried again as it is (same seqs: a retry whose first try
// did commit fails on the primary key, never stores twice), waiting longer each time. Past
// a bounded while the sink gives up: what waits is dropped, later output is only counted
// (the stored output ends with the "output truncated" marker) and close() throws.

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

export const defaultOutputCap = 10 * 1024 * 1024

// How long output may fail to be stored before it is given up: long enough for a database
// restart, a failover or a server too loaded to answer in time; short for a full disk,
// which does not free itself in seconds.
const GIVE_UP_MS = 60_000
const GIVE_UP_DISK_FULL_MS = 5_000

type ChunkRow = { runId: string; seq: number; targetRunId: string; stream: Stream; data: Uint8Array<ArrayBuffer> }

/** Thrown by close() when some output could not be stored. */
export class OutputNotStoredError extends Error {
  override readonly name = 'OutputNotStoredError'
}

export class RunOutputSink {
  private seq = 0
  private pending: { targetRunId: string; stream: Stream; data: Buffer }[] = []
  private pendingBytes = 0
  /** A batch whose write failed, tried again before anything newer. */
  private unsent: { rows: ChunkRow[]; bytes: number } | null = null
  private failures = 0
  private failingSince = 0
  private retryAt = 0
  /** Set once the sink gave up: why, and how many bytes were not stored. */
  private lost: { reason: string; bytes: number } | null = null
  private readonly counters = new Map<string, OutputCounters>()
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
    const room = Math.min(chunk.length, Math.max(0, this.options.capBytes - c.kept(stream)))
    // Once the sink gave up, what would have been kept is lost instead.
    if (this.lost) this.lost.bytes += room
    const keep = this.lost ? 0 : room
    // Copy: ssh2 may reuse the buffer it handed us.
    const data = keep > 0 ? Buffer.from(chunk.subarray(0, keep)) : null
    c.received(stream, chunk, data)
    this.drop(targetRunId, stream, chunk.length - keep)
    if (data) {
      this.pending.push({ targetRunId, stream, data })
      this.pendingBytes += keep
    }
    if (this.pendingBytes >= this.flushBytes && !this.flushQueued) {
      this.flushQueued = true
      void this.flush()
    }
    if (this.bufferedBytes() < this.maxBufferedBytes) return undefined
    if (!this.drained) {
      let resolve!: () => void
      const promise = new Promise<void>((r) => (resolve = r))
      this.drained = { promise, resolve }
    }
    return this.drained.promise
  }

  /** Writes what is pending; flushes never overlap, resolve in order and never reject. */
  flush(): Promise<void> {
    this.flushing = this.flushing
      .then(() => {
        this.flushQueued = false
        return this.writePending()
      })
      .finally(() => this.releaseWriters())
    return this.flushing
  }

  /**
   * Stores the rest and stops the timer; call when the run ends. Tries again as flushes
   * do, and throws an OutputNotStoredError once the sink gave up.
   */
  async close() {
    clearInterval(this.timer)
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, this.retryAt - Date.now())))
      const gaveUp = this.lost !== null
      await this.flush()
      if (!this.unsent && !this.pending.length && !this.dirty.size) break
      // Given up: the counters (and the truncation marker they make) had their last try.
      if (gaveUp) break
    }
    if (this.lost) {
      const { reason, bytes } = this.lost
      const mib = (bytes / 1024 / 1024).toFixed(1)
      throw new OutputNotStoredError(
        `Not all output could be stored: ${reason}; ${bytes.toLocaleString('en-US')} bytes (${mib} MiB) were lost.`,
      )
    }
  }

  private bufferedBytes() {
    return this.pendingBytes + (this.unsent?.bytes ?? 0)
  }

  private drop(targetRunId: string, stream: Stream, bytes: number) {
    this.countersOf(targetRunId).drop(stream, bytes)
    this.dirty.add(targetRunId)
  }

  private releaseWriters() {
    if (!this.drained || this.bufferedBytes() >= this.maxBufferedBytes) return
    this.drained.resolve()
    this.drained = null
  }

  /** A hash of everything the target-run printed (OutputCounters.digest); call once, when it ends. */
  digest(targetRunId: string): string {
    return this.countersOf(targetRunId).digest()
  }

  private countersOf(targetRunId: string): OutputCounters {
    let c = this.counters.get(targetRunId)
    if (!c) this.counters.set(targetRunId, (c = new OutputCounters()))
    return c
  }

  private async writePending() {
    if (Date.now() < this.retryAt) return
    this.unsent ??= this.takePending()
    if (!this.unsent && !this.dirty.size) return
    const rows = this.unsent?.rows ?? []
    const touched = [...this.dirty]
    this.dirty.clear()
    try {
      await db.$transaction([
        ...(rows.length ? [db.outputChunk.createMany({ data: rows })] : []),
        ...chunks(touched, 1000).map((ids) =>
          storeCounters(ids.map((id) => ({ id, ...this.countersOf(id).columns() }))),
        ),
      ])
    } catch (error) {
      for (const id of touched) this.dirty.add(id)
      const duplicate = (error as { code?: unknown }).code === 'P2002'
      if (this.failures && duplicate && (await this.alreadyStored(rows))) this.unsent = null
      else this.failed(error)
      return
    }
    this.unsent = null
    if (this.failures) {
      const seconds = Math.round((Date.now() - this.failingSince) / 1000)
      console.error(`[fanout] storing output of run ${this.runId} works again after ${seconds} s`)
    }
    this.failures = 0
    this.retryAt = 0
    runChanged(this.runId)
  }

  /** Whether a retried batch is there already: the try before committed, its answer was lost. */
  private async alreadyStored(rows: ChunkRow[]) {
    const last = rows[rows.length - 1]
    if (!last) return false
    const found = await db.outputChunk
      .findUnique({
        where: { runId_seq: { runId: this.runId, seq: last.seq } },
        select: { targetRunId: true, data: true },
      })
      .catch(() => null)
    return found?.targetRunId === last.targetRunId && found.data.length === last.data.length
  }

  /** What is pending as rows, one per target-run and stream; null when nothing is. */
  private takePending() {
    if (!this.pending.length) return null
    // One row per target-run and stream per flush: the streams are stored and shown apart,
    // so only the order within each stream matters.
    const grouped = new Map<string, { targetRunId: string; stream: Stream; parts: Buffer[]; size: number }>()
    for (const p of this.pending) {
      const key = `${p.targetRunId}\0${p.stream}`
      const group = grouped.get(key) ?? { targetRunId: p.targetRunId, stream: p.stream, parts: [], size: 0 }
      group.parts.push(p.data)
      group.size += p.data.length
      grouped.set(key, group)
    }
    const rows: ChunkRow[] = [...grouped.values()].map((g) => ({
      runId: this.runId,
      seq: this.seq++,
      targetRunId: g.targetRunId,
      stream: g.stream,
      data: joined(g.parts, g.size),
    }))
    const bytes = this.pendingBytes
    this.pending = []
    this.pendingBytes = 0
    return { rows, bytes }
  }

  private failed(error: unknown) {
    const now = Date.now()
    if (!this.failures++) {
      this.failingSince = now
      console.error(`[fanout] storing output of run ${this.runId} failed, trying again: ${briefly(error)}`)
    }
    this.retryAt = now + retryDelayMs(this.failures)
    const window = databaseFailureKind(error) === 'disk_full' ? GIVE_UP_DISK_FULL_MS : GIVE_UP_MS
    if (this.lost || now - this.failingSince < window) return
    // Given up: what waits is dropped, counted as not stored, and the hosts are let go on.
    const waiting = [...(this.unsent?.rows ?? []), ...this.pending]
    for (const w of waiting) this.drop(w.targetRunId, w.stream, w.data.length)
    this.lost = { reason: describeDatabaseFailure(error), bytes: this.bufferedBytes() }
    this.unsent = null
    this.pending = []
    this.pendingBytes = 0
    console.error(
      `[fanout] gave up storing output of run ${this.runId} after ${Math.round((now - this.failingSince) / 1000)} s: ${briefly(error)}`,
    )
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

const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

/**
 * The counters of many target-runs in one statement: a batch of a run on hundreds of hosts
 * is one round trip, where an update per target-run took seconds on a loaded database.
 */
function storeCounters(rows: (ReturnType<OutputCounters['columns']> & { id: string })[]) {
  const int = (n: number) => Prisma.sql`CAST(${n} AS INTEGER)`
  const values = rows.map(
    (r) =>
      Prisma.sql`(${r.id}, ${int(r.stdoutBytes)}, ${int(r.stderrBytes)}, ${int(r.stdoutDropped)}, ${int(r.stderrDropped)})`,
  )
  // VALUES names its columns column1… on both PostgreSQL and SQLite.
  return db.$executeRaw`
    UPDATE "TargetRun" SET "stdoutBytes" = v.column2, "stderrBytes" = v.column3,
      "stdoutDropped" = v.column4, "stderrDropped" = v.column5
    FROM (VALUES ${Prisma.join(values)}) AS v WHERE "TargetRun"."id" = v.column1`
}
