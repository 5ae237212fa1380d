import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { isRunLocal, onRunChanged } from '@/lib/engine/run-events'
import type { LiveEnd } from './live'
import { watchLiveState } from './live-state'
import { watchOutput } from './output-tail'
import { mark } from './shared-read'
import { isLive } from './statuses'

// The live run view's event stream (ARCHITECTURE.md decision 8). Every event is read from
// the database, so what one replica streams is what any other would: a run this process
// executes announces its changes (lib/engine/run-events), one elsewhere is polled. Output
// events carry their chunk's seq as the event id; a reconnect with Last-Event-ID resumes
// after it, so no chunk is lost or sent twice. The run's and targets' states are sent whole
// on every (re)connect: they replace, never append.

const POLL_REMOTE_MS = 500
// A run executed here announces every change; this only bounds a missed announcement.
const POLL_LOCAL_MS = 5_000
// Changes arriving faster than this are read together: one view costs the database at
// most a few queries a second however busy the run is.
const MIN_SPACING_MS = 150
const KEEP_ALIVE_MS = 15_000

export interface RunEventsOptions {
  runId: string
  /** The target-run whose output is streamed, or 'all' (the CLI's view); without it only states are. */
  targetRunId?: string | null
  /** The last output seq the client has (Last-Event-ID), or null for everything. */
  after: number | null
  signal: AbortSignal
}

/** Parses a Last-Event-ID: a non-negative integer, else null (start from the beginning). */
export function parseEventId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null
  return Number(value)
}

/**
 * The run's events as a text/event-stream body, or null when the run is not the scope's
 * tenant's. The stream ends after the run has finished and everything was sent, or when
 * the client goes away.
 */
export async function runEventStream(
  scope: Pick<Scope, 'tenantId'>,
  options: RunEventsOptions,
): Promise<ReadableStream<Uint8Array> | null> {
  const { runId, signal } = options
  const exists = await db.run.count({ where: { id: runId, tenantId: scope.tenantId } })
  if (!exists) return null
  const only = options.targetRunId === 'all' ? null : options.targetRunId
  // A target-run of another run (or tenant) streams nothing.
  const streamsOutput =
    options.targetRunId === 'all' ||
    (!!only && !!(await db.targetRun.count({ where: { id: only, runId, tenantId: scope.tenantId } })))
  const encoder = new TextEncoder()
  let dirty = true
  let wake: (() => void) | null = null
  const unsubscribe = onRunChanged(runId, () => {
    dirty = true
    wake?.()
  })
  const state = watchLiveState(scope, runId)
  const output = streamsOutput ? watchOutput(scope.tenantId, runId, only ?? null, options.after) : null
  const stop = () => {
    unsubscribe()
    state.release()
    output?.release()
  }
  signal.addEventListener('abort', () => wake?.(), { once: true })
  /** Waits for an announced change, the client leaving, or ms. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        wake = null
        resolve()
      }
      const timer = setTimeout(done, ms)
      wake = done
    })

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let lastWrite = Date.now()
      // What a round sends goes out as one write: a write per event (hundreds a round for a
      // wide run) cost more CPU than reading them, times the viewers.
      const parts: Uint8Array[] = []
      const sendBytes = (bytes: Uint8Array) => void parts.push(bytes)
      const send = (text: string) => sendBytes(encoder.encode(text))
      const flush = () => {
        if (!parts.length) return
        controller.enqueue(Buffer.concat(parts.splice(0)))
        lastWrite = Date.now()
      }
      const event = (name: string, data: unknown, id?: number) =>
        send(`${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)
      let lastRun = ''
      const lastTargets = new Map<string, string>()
      let first = true
      try {
        send('retry: 1000\n\n')
        while (!signal.aborted) {
          dirty = false
          // Read before the output: a target (or the run) it shows ended has all its output sent below.
          const asked = mark()
          const { run, runJson, targets } = await state.read(asked)
          if (runJson !== lastRun) event('run', run)
          lastRun = runJson
          for (const bytes of (await output?.next(asked)) ?? []) sendBytes(bytes)
          const changed = targets.flatMap(({ row, json }) => {
            if (lastTargets.get(row.id) === json) return []
            lastTargets.set(row.id, json)
            return [row]
          })
          if (changed.length || first) event('targets', changed)
          first = false
          if (!isLive(run.status)) {
            for (const bytes of output?.end() ?? []) sendBytes(bytes)
            event('end', { status: run.status } satisfies LiveEnd)
            flush()
            break
          }
          if (Date.now() - lastWrite >= KEEP_ALIVE_MS) send(': keep-alive\n\n')
          flush()
          await new Promise((resolve) => setTimeout(resolve, MIN_SPACING_MS))
          if (!dirty && !signal.aborted) await pause(isRunLocal(runId) ? POLL_LOCAL_MS : POLL_REMOTE_MS)
        }
        controller.close()
      } catch (error) {
        // A client that went away mid-write is no error; anything else is logged, not sent.
        if (!signal.aborted) console.error(`[fanout] live events of run ${runId} failed:`, error)
        controller.error(error)
      } finally {
        stop()
      }
    },
    cancel() {
      stop()
    },
  })
}
