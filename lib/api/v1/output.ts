import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { readTargetRunOutput } from '@/lib/engine/output'
import { isLive } from '@/lib/runs/statuses'

export interface OutputSlice {
  text: Buffer
  /** Bytes of the whole stream's UTF-8 text so far. */
  total: number
  /** Where the next slice starts. */
  next: number
  /** The target-run is over: the stream will not grow. */
  complete: boolean
}

const isContinuationByte = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80

/**
 * A slice of one stream of a target-run's output, decoded with its target's encoding and
 * counted in bytes of UTF-8. The end moves back to a character boundary, so slices read
 * in turn (each from the last one's `next`) never split a character. Null when the
 * target-run is not one of this tenant's run's.
 */
export async function outputSlice(
  scope: Pick<Scope, 'tenantId'>,
  runId: string,
  targetRunId: string,
  { stream, offset, limit }: { stream: 'stdout' | 'stderr'; offset: number; limit: number },
): Promise<OutputSlice | null> {
  const targetRun = await db.targetRun.findFirst({
    where: { id: targetRunId, runId, tenantId: scope.tenantId },
    select: { status: true },
  })
  const output = targetRun && (await readTargetRunOutput(scope, targetRunId))
  if (!targetRun || !output) return null
  const bytes = Buffer.from(output[stream], 'utf8')
  const start = Math.min(offset, bytes.length)
  let end = Math.min(start + limit, bytes.length)
  while (end > start && isContinuationByte(bytes[end])) end--
  // A limit smaller than the character at start: send that one character whole.
  if (end === start && start < bytes.length) for (end = start + 1; isContinuationByte(bytes[end]);) end++
  return { text: bytes.subarray(start, end), total: bytes.length, next: end, complete: !isLive(targetRun.status) }
}
