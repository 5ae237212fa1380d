import 'server-only'
import iconv from 'iconv-lite'
import { db } from '@/lib/db'
import type { LiveOutput } from './live'

const CHUNKS_PER_READ = 32

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
          take: CHUNKS_PER_READ,
          select: { seq: true, targetRunId: true, stream: true, data: true },
        })
        for (const chunk of chunks) {
          cursor = chunk.seq
          const stream = chunk.stream === 'stderr' ? 'stderr' : 'stdout'
          const text = (await decoderOf(chunk.targetRunId, stream)).write(Buffer.from(chunk.data))
          yield { seq: chunk.seq, data: { targetRunId: chunk.targetRunId, stream, text } }
        }
        if (chunks.length < CHUNKS_PER_READ) return
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
