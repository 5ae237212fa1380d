import 'server-only'

// The engine's writes outlive short database failures (a restart, a dropped connection,
// a full disk freed by an operator): they are tried again, waiting longer each time, for
// a bounded while. What failed is told in words a run's page can show: no address, no SQL.

export type DatabaseFailureKind = 'unreachable' | 'disk_full' | 'other'

const diskFull = /SQLITE_FULL|disk is full|No space left|ENOSPC|could not extend file|\b53100\b/i
const unreachable =
  /Can't reach database|ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|terminating connection|server closed the connection|connection (is )?(closed|ended)|database system is (starting up|shutting down)|\b57P0[123]\b|SQLITE_BUSY|database is locked|Timed out fetching a new connection|Transaction already closed|expired transaction|Unable to start a transaction/i
// P2024: no pooled connection in time; P2028: a transaction timed out (a loaded server).
const unreachableCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028'])

/** Everything an error says about itself: Prisma wraps the driver's error (and its code) in `cause`. */
function textOf(error: unknown): string {
  const parts: string[] = []
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { message, code, originalCode, originalMessage } = e as Record<string, unknown>
    parts.push(...[message, code, originalCode, originalMessage].filter((p) => typeof p === 'string'))
    e = (e as { cause?: unknown }).cause
  }
  return parts.join('\n')
}

export function databaseFailureKind(error: unknown): DatabaseFailureKind {
  const text = textOf(error)
  if (diskFull.test(text)) return 'disk_full'
  const code = (error as { code?: unknown } | null)?.code
  if ((typeof code === 'string' && unreachableCodes.has(code)) || unreachable.test(text)) return 'unreachable'
  return 'other'
}

const reasons: Record<DatabaseFailureKind, string> = {
  unreachable: 'the database could not be reached',
  disk_full: "the database's disk is full",
  other: 'the database reported an error',
}

/** What went wrong, for a run's error: "the database could not be reached". */
export function describeDatabaseFailure(error: unknown): string {
  return reasons[databaseFailureKind(error)]
}

/** The last line of an error's message: Prisma's first lines quote the calling code. */
export function briefly(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).trim().split('\n')
  return lines[lines.length - 1].trim()
}

/** How long to wait before the next try after `failures` failed ones: 0.2 s, 0.4 s … at most 5 s. */
export const retryDelayMs = (failures: number) => Math.min(5_000, 200 * 2 ** Math.max(0, failures - 1))

/**
 * Calls write until it succeeds. A failure that may pass (the database unreachable, its
 * disk full) is tried again, with growing waits, until forMs passed since the first;
 * then, or at once for any other error, the last error is thrown.
 */
export async function withDatabaseRetry<T>(write: () => Promise<T>, forMs: number): Promise<T> {
  const start = Date.now()
  for (let failures = 1; ; failures++) {
    try {
      return await write()
    } catch (error) {
      const wait = retryDelayMs(failures)
      if (databaseFailureKind(error) === 'other' || Date.now() + wait - start > forMs) throw error
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
}
