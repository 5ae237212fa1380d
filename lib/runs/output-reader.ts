import 'server-only'
import iconv from 'iconv-lite'
import { db } from '@/lib/db'
import type { LiveOutput } from './live'

// Chunks per query: a flush of a wide run stores one per target and stream, mostly small,
// so the count doubles while reads stay small and halves when they pass READ_BYTES. A chunk
// holds at most about a flush (1 MiB): a read never holds more than MAX_CHUNKS of them.
const READ_BYTES = 1024 * 1024
const MIN_CHUNKS = 8
const MAX_CHUNKS = 128

type Decoder = ReturnType<typeof iconv.getDecoder>

/**
 * Reads a run's output after a seq — one target-run's, or every one's when `only` is
 * null — decoding each stream with its target's encoding. On a resume each decoder is
 * first fed the last chunk the client already has of its stream, so a character split
 * across that chunk and the next still decodes whole.
 */
export function outputReader(runId: string, only: string | null, after: number | null) {
  const decoders = new Map<string, { targetRunId: string; stream: LiveOutput['stream']; decoder: Decoder }>()
  const encodings = new Map<string, string>()
  let cursor = after ?? -1
  let take = 32

  async function decoderOf(targetRunId: string, stream: LiveOutput['stream']): Promise<Decoder> {
    const key = `${targetRunId}\0${stream}`
    const known = decoders.get(key)
    if (known) return known.decoder
    let encoding = encodings.get(targetRunId)
    if (!encoding) {
      const row = await db.targetRun.findFirst({ where: { id: targetRunId, runId }, select: { encoding: true } })
      encoding = row && iconv.encodingExists(row.encoding) ? row.encoding : 'utf-8'
      encodings.set(targetRunId, encoding)
    }
    const decoder = iconv.getDecoder(encoding)
    if (after !== null) {
      const previous = await db.outputChunk.findFirst({
        where: { runId, targetRunId, stream, seq: { lte: after } },
        orderBy: { seq: 'desc' },
        select: { data: true },
      })
      if (previous) decoder.write(Buffer.from(previous.data))
    }
    decoders.set(key, { targetRunId, stream, decoder })
    return decoder
  }

  return {
    async *read(): AsyncGenerator<{ seq: number; data: LiveOutput }> {
      for (;;) {
        const chunks = await db.outputChunk.findMany({
          where: { runId, ...(only ? { targetRunId: only } : {}), seq: { gt: cursor } },
          orderBy: { seq: 'asc' },
          take,
          select: { seq: true, targetRunId: true, stream: true, data: true },
        })
        const full = chunks.length === take
        const bytes = chunks.reduce((sum, chunk) => sum + chunk.data.length, 0)
        if (bytes < READ_BYTES / 4) take = Math.min(take * 2, MAX_CHUNKS)
        else if (bytes > READ_BYTES) take = Math.max(take / 2, MIN_CHUNKS)
        for (const chunk of chunks) {
          cursor = chunk.seq
          const stream = chunk.stream === 'stderr' ? 'stderr' : 'stdout'
          const text = (await decoderOf(chunk.targetRunId, stream)).write(Buffer.from(chunk.data))
          yield { seq: chunk.seq, data: { targetRunId: chunk.targetRunId, stream, text } }
        }
        if (!full) return
      }
    },
    /** What the decoders still hold once the output is complete (a cut-off character). */
    end(): LiveOutput[] {
      return [...decoders.values()].flatMap(({ targetRunId, stream, decoder }) => {
        const text = decoder.end() ?? ''
        return text ? [{ targetRunId, stream, text }] : []
      })
    },
  }
}
