import 'server-only'
import type { LiveOutput } from './live'
import { outputReader } from './output-reader'
import { heldPerKey, sharedRead } from './shared-read'

// A run's output events as its live views send them (all targets, or one target-run), read,
// decoded and encoded once for every view in this process: each view of a 400-target run
// read and decoded every chunk itself, so fifty of them cost fifty times one. The tail keeps
// the latest MAX_TAIL_BYTES of events; a view that starts before what it holds, or falls
// that far behind, reads on its own until it has caught up.

const MAX_TAIL_BYTES = 16 * 1024 * 1024

const encoder = new TextEncoder()

/** An output event as the stream sends it: its chunk's seq is the event id (Last-Event-ID). */
export const encodeOutput = (data: LiveOutput, seq?: number) =>
  encoder.encode(`${seq === undefined ? '' : `id: ${seq}\n`}event: output\ndata: ${JSON.stringify(data)}\n\n`)

interface Tail {
  /** Every output event after `base`, in seq order. */
  entries: { seq: number; bytes: Uint8Array }[]
  base: number
  size: number
  /** Reads what was stored since the last read (lib/runs/shared-read.ts: one at a time, the decoders are stateful). */
  advance: (since: number) => Promise<void>
  reader: ReturnType<typeof outputReader>
  rest: Uint8Array[] | null
}

const tails = heldPerKey<Tail>()

async function readMore(tail: Tail) {
  for await (const { seq, data } of tail.reader.read()) {
    const bytes = encodeOutput(data, seq)
    tail.entries.push({ seq, bytes })
    tail.size += bytes.length
  }
  while (tail.size > MAX_TAIL_BYTES && tail.entries.length > 1) {
    const dropped = tail.entries.shift()!
    tail.size -= dropped.bytes.length
    tail.base = dropped.seq
  }
}

/** The events after `cursor`, or null when the tail no longer (or never) held them all. */
function eventsAfter(tail: Tail, cursor: number) {
  if (cursor < tail.base) return null
  let i = tail.entries.length
  while (i > 0 && tail.entries[i - 1].seq > cursor) i--
  return tail.entries.slice(i)
}

/**
 * A view's output: next(since) gives the encoded events stored before the mark `since`
 * (and maybe after) that follow its last call, end() what the decoders still held once the run is
 * over, release() when the view ends.
 */
export function watchOutput(tenantId: string, runId: string, only: string | null, after: number | null) {
  const { value: shared, release } = tails(`${tenantId}\0${runId}\0${only ?? '*'}`, () => {
    const created: Tail = {
      entries: [],
      base: after ?? -1,
      size: 0,
      advance: () => Promise.resolve(),
      reader: outputReader(runId, only, after),
      rest: null,
    }
    created.advance = sharedRead(() => readMore(created))
    return created
  })
  let cursor = after ?? -1
  // While behind the tail: this view's own reader, from its cursor.
  let own: ReturnType<typeof outputReader> | null = null
  return {
    async next(since: number): Promise<Uint8Array[]> {
      if (!own) {
        await shared.advance(since)
        const events = eventsAfter(shared, cursor)
        if (events) {
          if (events.length) cursor = events[events.length - 1].seq
          return events.map((e) => e.bytes)
        }
        own = outputReader(runId, only, cursor)
      }
      const out: Uint8Array[] = []
      for await (const { seq, data } of own.read()) {
        out.push(encodeOutput(data, seq))
        cursor = seq
      }
      // Caught up: the tail holds every event from here, decoded across the same boundaries.
      if (cursor >= shared.base) own = null
      return out
    },
    end(): Uint8Array[] {
      if (own) return own.end().map((data) => encodeOutput(data))
      shared.rest ??= shared.reader.end().map((data) => encodeOutput(data))
      return shared.rest
    },
    release,
  }
}
