import { sleep } from './processes'

export interface UntilOptions {
  /** How long to keep reading: 10 s unless said. */
  ms?: number
  /** A read that throws (the database is away) counts as "not yet" instead of failing at once. */
  retryErrors?: boolean
  /** More to say when it times out, such as a child process's output. */
  context?: () => string
}

/**
 * Reads every 100 ms until `done` holds and returns that value; past `ms`, fails naming
 * `what` and the last value read.
 */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { ms = 10_000, retryErrors = false, context }: UntilOptions = {},
): Promise<T> {
  let last: unknown
  for (const end = Date.now() + ms; ; await sleep(100)) {
    try {
      last = await read()
      if (done(last as T)) return last as T
    } catch (error) {
      if (!retryErrors) throw error
      last = error instanceof Error ? error.message : error
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}${context ? `\n${context()}` : ''}`)
    }
  }
}
