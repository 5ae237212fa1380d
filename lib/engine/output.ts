import 'server-only'
import iconv from 'iconv-lite'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'

/**
 * A target-run's output decoded with its encoding. Decoding streams chunk by chunk, so a
 * character split across two chunks survives; bytes that are invalid in the encoding
 * become U+FFFD instead of breaking the page. A stream cut at the output cap ends with a
 * marker saying how much was not stored.
 */
export async function readTargetRunOutput(scope: Pick<Scope, 'tenantId'>, targetRunId: string) {
  const targetRun = await db.targetRun.findFirst({
    where: { id: targetRunId, tenantId: scope.tenantId },
    select: { encoding: true, stdoutBytes: true, stderrBytes: true, stdoutDropped: true, stderrDropped: true },
  })
  if (!targetRun) return null
  const encoding = iconv.encodingExists(targetRun.encoding) ? targetRun.encoding : 'utf-8'
  const decoders = { stdout: iconv.getDecoder(encoding), stderr: iconv.getDecoder(encoding) }
  const text = { stdout: '', stderr: '' }
  const chunks = await db.outputChunk.findMany({
    where: { targetRunId },
    orderBy: { seq: 'asc' },
    select: { stream: true, data: true },
  })
  for (const chunk of chunks) {
    const stream = chunk.stream === 'stderr' ? 'stderr' : 'stdout'
    text[stream] += decoders[stream].write(Buffer.from(chunk.data))
  }
  text.stdout += decoders.stdout.end() ?? ''
  text.stderr += decoders.stderr.end() ?? ''
  return {
    stdout: withMarker(text.stdout, targetRun.stdoutDropped),
    stderr: withMarker(text.stderr, targetRun.stderrDropped),
    stdoutDropped: targetRun.stdoutDropped,
    stderrDropped: targetRun.stderrDropped,
  }
}

/** The line appended to a stream that hit the cap, e.g. "[output truncated: 41,943,040 more bytes (40.0 MiB) were not stored]". */
export function truncationMarker(dropped: number): string {
  const mib = (dropped / 1024 / 1024).toFixed(1)
  return `[output truncated: ${dropped.toLocaleString('en-US')} more bytes (${mib} MiB) were not stored]\n`
}

function withMarker(text: string, dropped: number): string {
  if (dropped <= 0) return text
  return `${text}${text && !text.endsWith('\n') ? '\n' : ''}${truncationMarker(dropped)}`
}

/**
 * One stream of a target-run as stored, raw bytes in order, then the truncation marker
 * when the stream hit the cap: the "download full output" file. Read a few chunks at a
 * time, so a 10 MiB stream is never held whole. Null when the target-run is not this
 * tenant's run's.
 */
export async function targetRunOutputFile(
  scope: Pick<Scope, 'tenantId'>,
  runId: string,
  targetRunId: string,
  stream: 'stdout' | 'stderr',
) {
  const targetRun = await db.targetRun.findFirst({
    where: { id: targetRunId, runId, tenantId: scope.tenantId },
    select: { targetName: true, stepIndex: true, encoding: true, stdoutDropped: true, stderrDropped: true },
  })
  if (!targetRun) return null
  const dropped = stream === 'stdout' ? targetRun.stdoutDropped : targetRun.stderrDropped
  async function* bytes(): AsyncGenerator<Uint8Array> {
    let cursor = -1
    for (;;) {
      const chunks = await db.outputChunk.findMany({
        where: { targetRunId, stream, seq: { gt: cursor } },
        orderBy: { seq: 'asc' },
        take: 16,
        select: { seq: true, data: true },
      })
      for (const chunk of chunks) {
        cursor = chunk.seq
        yield chunk.data
      }
      if (chunks.length < 16) break
    }
    if (dropped > 0) yield Buffer.from(`\n${truncationMarker(dropped)}`)
  }
  return { ...targetRun, bytes: bytes() }
}
