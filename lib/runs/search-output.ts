import 'server-only'
import iconv from 'iconv-lite'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'

const CHUNKS_PER_READ = 64

/**
 * The target-runs of a run whose stdout or stderr contains `q` (case-insensitive), as
 * displayed: decoded with each target's encoding. One pass over the run's chunks in seq
 * order, keeping per stream only the tail a match could straddle, so memory stays small
 * however much the targets printed.
 */
export async function searchRunOutput(scope: Pick<Scope, 'tenantId'>, runId: string, q: string): Promise<string[]> {
  const needle = q.toLowerCase()
  const targetRuns = await db.targetRun.findMany({
    where: { runId, tenantId: scope.tenantId },
    select: { id: true, encoding: true },
  })
  const encodings = new Map(targetRuns.map((t) => [t.id, iconv.encodingExists(t.encoding) ? t.encoding : 'utf-8']))
  const streams = new Map<string, { decoder: ReturnType<typeof iconv.getDecoder>; tail: string }>()
  const found = new Set<string>()
  let cursor = -1
  for (;;) {
    const chunks = await db.outputChunk.findMany({
      where: { runId, seq: { gt: cursor } },
      orderBy: { seq: 'asc' },
      take: CHUNKS_PER_READ,
      select: { seq: true, targetRunId: true, stream: true, data: true },
    })
    for (const chunk of chunks) {
      cursor = chunk.seq
      const encoding = encodings.get(chunk.targetRunId)
      if (!encoding || found.has(chunk.targetRunId)) continue
      const key = `${chunk.targetRunId}\0${chunk.stream}`
      let state = streams.get(key)
      if (!state) streams.set(key, (state = { decoder: iconv.getDecoder(encoding), tail: '' }))
      const text = state.tail + state.decoder.write(Buffer.from(chunk.data)).toLowerCase()
      if (text.includes(needle)) {
        found.add(chunk.targetRunId)
        streams.delete(key)
      } else {
        state.tail = text.slice(Math.max(0, text.length - needle.length + 1))
      }
    }
    if (chunks.length < CHUNKS_PER_READ) break
  }
  return targetRuns.filter((t) => found.has(t.id)).map((t) => t.id)
}
