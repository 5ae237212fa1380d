// `--wait`: follows a run's live events (the same SSE stream the run page reads, with every
// target's output) and prints each line prefixed by its host, stderr to stderr.
import { createParser } from 'eventsource-parser'
import type { LiveEnd, LiveOutput, LiveRun, LiveTargetRun } from '../lib/runs/live'
import { CliError, type Connection } from './client'

export interface FollowOptions {
  /** Print lines (false for --json, which prints only the result). */
  print: boolean
}

/** Streams the run until it ends and returns its final status; reconnects with Last-Event-ID. */
export async function followRun(connection: Connection, runId: string, options: FollowOptions): Promise<string> {
  const names = new Map<string, string>()
  const partial = new Map<string, string>()
  // Confirmations already told about: a reconnect sends the run's state again.
  const announced = new Set<string>()
  // Set from the parser's callbacks: typed wide so the loop does not narrow them to null.
  let lastId = null as string | null
  let status = null as string | null

  const emit = (key: string, host: string, stream: 'stdout' | 'stderr', text: string, flush = false) => {
    const buffered = (partial.get(key) ?? '') + text
    const lines = buffered.split('\n')
    const rest = flush ? '' : lines.pop()!
    if (flush && lines.at(-1) === '') lines.pop()
    partial.set(key, rest)
    if (!options.print) return
    const out = stream === 'stderr' ? process.stderr : process.stdout
    for (const line of lines) out.write(`[${host}] ${line}\n`)
  }

  for (let attempt = 0; status === null; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(5_000, 500 * attempt)))
    if (attempt > 20) throw new CliError('Lost the connection to the server while following the run.')
    const headers: Record<string, string> = { authorization: `Bearer ${connection.token}` }
    if (lastId) headers['last-event-id'] = lastId
    const url = `${connection.url}/api/v1/runs/${encodeURIComponent(runId)}/events?targetRun=all`
    const response = await fetch(url, { headers }).catch(() => null)
    if (!response) continue
    if (response.status === 401 || response.status === 403 || response.status === 404) {
      throw new CliError(`Cannot follow run ${runId}: HTTP ${response.status}`)
    }
    if (!response.ok || !response.body) continue
    const parser = createParser({
      onEvent(event) {
        if (event.id) lastId = event.id
        const data = JSON.parse(event.data) as unknown
        if (event.event === 'run') {
          const waiting = (data as LiveRun).gates.find((g) => g.status === 'waiting')
          if (waiting && !announced.has(waiting.key) && options.print) {
            announced.add(waiting.key)
            const message = waiting.message ? `\n${waiting.message}` : ''
            process.stderr.write(`Waiting for confirmation:${message}\n  fanout runs confirm ${runId} [--abort]\n`)
          }
        } else if (event.event === 'targets') {
          for (const t of data as LiveTargetRun[]) names.set(t.id, t.targetName)
        } else if (event.event === 'output') {
          const o = data as LiveOutput
          emit(`${o.targetRunId}\0${o.stream}`, names.get(o.targetRunId) ?? o.targetRunId, o.stream, o.text)
        } else if (event.event === 'end') {
          status = (data as LiveEnd).status
        }
      },
    })
    const decoder = new TextDecoder()
    const reader = response.body.getReader()
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read())
        parser.feed(decoder.decode(read.value, { stream: true }))
    } catch {
      // Dropped mid-stream: reconnect and resume after the last event id.
    }
  }
  for (const [key, rest] of partial) {
    const [targetRunId, stream] = key.split('\0') as [string, 'stdout' | 'stderr']
    if (rest) emit(key, names.get(targetRunId) ?? targetRunId, stream, '', true)
  }
  return status ?? 'interrupted'
}
