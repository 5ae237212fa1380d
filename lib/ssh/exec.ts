import type { ClientChannel } from 'ssh2'
import type { SshConnection } from './connection'
import { describeEndpoint, redact, SshError } from './errors'
import type { ExecOptions, ExecResult } from './types'

/**
 * Runs one command on the connection's target, streaming stdout and stderr apart. Resolves
 * with the exit status (or signal) once the channel closes; rejects with an SshError when
 * the channel cannot be opened or the connection is lost before the command ends.
 */
export function exec(conn: SshConnection, command: string, options: ExecOptions = {}): Promise<ExecResult> {
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
        })
        // Listeners on both streams keep them flowing: an unread stream would stall the channel.
        stream.on('data', (chunk: Buffer) => options.onStdout?.(chunk))
        stream.stderr.on('data', (chunk: Buffer) => options.onStderr?.(chunk))
        stream.on('error', () => {}) // reported through 'close' and the connection
        stream.on('close', () => {
          if (exit) return settle(() => resolve(exit!))
          if (!conn.isOpen) return fail('the connection was lost before the command finished')
          // The channel closed without an exit status on a live connection (rare; some servers).
          settle(() => resolve({ code: null, signal: null }))
        })
        if (options.stdin !== undefined) stream.end(options.stdin)
        else stream.end()
      })
    } catch {
      fail('the connection is closed')
    }
  })
}

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
