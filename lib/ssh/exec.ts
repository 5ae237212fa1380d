import type { Readable } from 'node:stream'
import type { ClientChannel } from 'ssh2'
import type { SshConnection } from './connection'
import { describeEndpoint, redact, SshError } from './errors'
import type { ExecOptions, ExecResult } from './types'

export interface StreamingExecOptions extends ExecOptions {
  /**
   * Keep stdin open after `stdin` is written, until the command exits. The command then
   * sees EOF only when the channel goes away (this process died, the connection dropped):
   * the engine's wrapper kills what it started when that happens.
   */
  holdStdin?: boolean
  /**
   * A returned promise pauses this stream until it settles: ssh2 stops granting window, so
   * the remote command blocks on its writes instead of this process buffering them.
   */
  onStdout?: (chunk: Buffer) => unknown
  onStderr?: (chunk: Buffer) => unknown
}

/**
 * Runs one command on the connection's target, streaming stdout and stderr apart. Resolves
 * with the exit status (or signal) once the channel closes and both streams were read to
 * the end; rejects with an SshError when the channel cannot be opened or the connection is
 * lost before the command ends.
 */
export function exec(conn: SshConnection, command: string, options: StreamingExecOptions = {}): Promise<ExecResult> {
  const { signal } = options
  return new Promise<ExecResult>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    let channel: ClientChannel | undefined
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      outcome()
    }
    const onAbort = () => {
      settle(() => reject(signal!.reason))
      channel?.close()
    }
    signal?.addEventListener('abort', onAbort, { once: true })

    const fail = (message: string) => {
      const text = `${describeEndpoint(conn.target, true)}: ${message}`
      settle(() => reject(conn.isOpen ? protocolError(conn, text) : lostError(conn, text)))
    }

    if (!conn.isOpen) return fail('the connection is closed')
    try {
      conn.client.exec(command, (err, stream) => {
        if (settled) return stream?.close()
        if (err && !conn.isOpen) return fail('the connection was lost before the command started')
        if (err) return fail(`cannot open a session for the command: ${err.message}`)
        channel = stream
        let exit: ExecResult | null = null
        // ssh2 emits (code) for exit-status, (null, 'SIGxxx', coreDumped, message) for exit-signal.
        stream.on('exit', (code: number | null, sig?: string) => {
          exit = typeof code === 'number' ? { code, signal: null } : { code: null, signal: sig ?? null }
          if (options.holdStdin) stream.end()
        })
        // Listeners on both streams keep them flowing: an unread stream would stall the channel.
        stream.on('data', relay(stream, options.onStdout))
        stream.stderr.on('data', relay(stream.stderr, options.onStderr))
        stream.on('error', () => {}) // reported through 'close' and the connection
        // 'close' comes once stdout is read to its end; stderr, when paused, may still hold
        // output: settle once both are read.
        const stderrRead = new Promise<void>((done) => {
          if (stream.stderr.readableEnded) return done()
          stream.stderr.once('end', done)
          stream.stderr.once('error', () => done())
        })
        stream.on('close', () => {
          void stderrRead.then(() => {
            if (exit) return settle(() => resolve(exit!))
            if (!conn.isOpen) return fail('the connection was lost before the command finished')
            // The channel closed without an exit status on a live connection (rare; some servers).
            settle(() => resolve({ code: null, signal: null }))
          })
        })
        if (options.holdStdin) {
          if (options.stdin !== undefined) stream.write(options.stdin)
        } else if (options.stdin !== undefined) stream.end(options.stdin)
        else stream.end()
      })
    } catch {
      fail('the connection is closed')
    }
  })
}

function relay(source: Readable, handler: ((chunk: Buffer) => unknown) | undefined) {
  return (chunk: Buffer) => {
    const ready = handler?.(chunk)
    if (!isThenable(ready)) return
    source.pause()
    const resume = () => void source.resume()
    ready.then(resume, resume)
  }
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null | undefined)?.then === 'function'

function targetRef(conn: SshConnection) {
  const { id, label, index } = conn.hops[conn.hops.length - 1]
  return { id, label, index, isTarget: true }
}

function protocolError(conn: SshConnection, message: string): SshError {
  return new SshError('protocol', redact(message, conn.secrets), { hop: targetRef(conn) })
}

function lostError(conn: SshConnection, message: string): SshError {
  const cause = conn.lastError
  const ref = targetRef(conn)
  const code = typeof cause?.code === 'string' ? cause.code : undefined
  if (cause?.level === 'client-timeout') {
    return new SshError('timeout', redact(`${message} (no answer to keep-alives)`, conn.secrets), { hop: ref })
  }
  const detail = code ? ` (${code})` : ''
  return new SshError('unreachable', redact(`${message}${detail}`, conn.secrets), { hop: ref, code })
}
