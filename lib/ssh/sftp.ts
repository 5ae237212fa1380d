import type { SFTPWrapper, Stats } from 'ssh2'
import type { SshConnection } from './connection'
import { describeEndpoint, redact, SshError } from './errors'

// SFTP on a connected chain, as promises. Two kinds of failure: the server refusing one
// operation (no such file, permission denied …) is an SftpError and the session stays
// usable; losing the channel or the connection is an SshError, like exec's.

export type SftpErrorKind = 'no_such_file' | 'permission_denied' | 'unsupported' | 'failure'

/** The server refused one file operation; message is the server's own text. */
export class SftpError extends Error {
  override readonly name = 'SftpError'
  constructor(
    readonly kind: SftpErrorKind,
    message: string,
  ) {
    super(message)
  }
}

// SSH_FX_* status codes (draft-ietf-secsh-filexfer-02 §7), the ones a caller can act on.
const statusKinds: Record<number, SftpErrorKind> = { 2: 'no_such_file', 3: 'permission_denied', 8: 'unsupported' }

/** Bytes per WRITE request and how many may wait for their answer: ~1 MiB in flight per file. */
const CHUNK_BYTES = 64 * 1024
const WRITES_IN_FLIGHT = 16

/** Opens an SFTP session on the connection's target (the server's sftp subsystem). */
export function openSftp(conn: SshConnection): Promise<SftpSession> {
  return new Promise((resolve, reject) => {
    if (!conn.isOpen) return reject(channelError(conn, 'the connection is closed'))
    try {
      conn.client.sftp((err, sftp) => {
        if (!err) return resolve(new SftpSession(conn, sftp))
        reject(
          channelError(
            conn,
            conn.isOpen
              ? `cannot open an SFTP session (is the sftp subsystem enabled on the server?): ${err.message}`
              : 'the connection was lost before the SFTP session opened',
          ),
        )
      })
    } catch {
      reject(channelError(conn, 'the connection is closed'))
    }
  })
}

export class SftpSession {
  private open = true

  constructor(
    private readonly conn: SshConnection,
    private readonly sftp: SFTPWrapper,
  ) {
    sftp.on('error', () => {}) // reported through the pending requests and the connection
    // ssh2 answers the requests pending when the channel closes, but silently drops any
    // made afterwards: those must fail here, or they would wait forever.
    sftp.once('end', () => (this.open = false))
    sftp.once('close', () => (this.open = false))
  }

  /** The absolute, canonical form of path (relative paths start at the login user's home). */
  realpath(path: string): Promise<string> {
    return this.call<string>((cb) => this.sftp.realpath(path, cb))
  }

  stat(path: string): Promise<Stats> {
    return this.call<Stats>((cb) => this.sftp.stat(path, cb))
  }

  /** Creates path for writing; fails if it exists, so a stale or foreign file is never reused. */
  createExclusive(path: string, mode: number): Promise<Buffer> {
    return this.call<Buffer>((cb) => this.sftp.open(path, 'wx', { mode }, cb))
  }

  /**
   * Writes the chunks at consecutive offsets, several requests in flight (one at a time
   * would wait a round trip per chunk). Stops before the next chunk once signal aborts.
   * Returns the bytes written.
   */
  async writeAll(handle: Buffer, chunks: Iterable<Buffer> | AsyncIterable<Buffer>, signal?: AbortSignal) {
    const inFlight: Promise<void>[] = []
    let position = 0
    try {
      for await (const chunk of chunks) {
        for (let offset = 0; offset < chunk.length; offset += CHUNK_BYTES) {
          if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift()
          signal?.throwIfAborted()
          const length = Math.min(CHUNK_BYTES, chunk.length - offset)
          const at = position
          const write = this.call<void>((cb) => this.sftp.write(handle, chunk, offset, length, at, (e) => cb(e)))
          // Handled here, rethrown where it is awaited: a later write failing while an
          // earlier one is awaited must not become an unhandled rejection.
          write.catch(() => {})
          inFlight.push(write)
          position += length
        }
      }
      await Promise.all(inFlight)
    } finally {
      await Promise.allSettled(inFlight)
    }
    return position
  }

  /** Sets the permission bits (exactly, no umask) of an open file. */
  fchmod(handle: Buffer, mode: number): Promise<void> {
    return this.call<void>((cb) => this.sftp.fchmod(handle, mode, cb))
  }

  /** Flushes an open file to disk where the server supports it (OpenSSH's fsync extension). */
  async fsync(handle: Buffer): Promise<void> {
    try {
      await this.call<void>((cb) => this.sftp.ext_openssh_fsync(handle, (e) => cb(e)))
    } catch (error) {
      if (!(error instanceof SftpError && error.kind === 'unsupported')) throw error
    }
  }

  close(handle: Buffer): Promise<void> {
    return this.call<void>((cb) => this.sftp.close(handle, cb))
  }

  /**
   * Renames from over to, replacing it atomically with OpenSSH's posix-rename extension.
   * Without it, plain SFTP rename refuses an existing destination: it is unlinked first,
   * which leaves a moment without the file.
   */
  async replace(from: string, to: string): Promise<void> {
    try {
      return await this.call<void>((cb) => this.sftp.ext_openssh_rename(from, to, cb))
    } catch (error) {
      if (!(error instanceof SftpError && error.kind === 'unsupported')) throw error
    }
    await this.unlink(to).catch((error) => {
      if (!(error instanceof SftpError && error.kind === 'no_such_file')) throw error
    })
    await this.call<void>((cb) => this.sftp.rename(from, to, cb))
  }

  unlink(path: string): Promise<void> {
    return this.call<void>((cb) => this.sftp.unlink(path, cb))
  }

  /** Closes the session's channel; the connection stays open. */
  end() {
    this.open = false
    this.sftp.end()
  }

  private call<T>(start: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!this.open) return reject(this.translate(new Error('the SFTP session is closed')))
      const done = (err: Error | null | undefined, value?: T) =>
        err ? reject(this.translate(err)) : resolve(value as T)
      try {
        start(done)
      } catch (error) {
        // ssh2 throws at once for an extension the server did not announce.
        if (error instanceof Error && /does not support/.test(error.message)) {
          return reject(new SftpError('unsupported', error.message))
        }
        reject(this.translate(error as Error))
      }
    })
  }

  private translate(err: Error & { code?: unknown }): Error {
    if (typeof err.code === 'number') return new SftpError(statusKinds[err.code] ?? 'failure', err.message)
    // 'No response from server': the channel closed under a pending request.
    return channelError(
      this.conn,
      this.conn.isOpen ? `the SFTP session failed: ${err.message}` : 'the connection was lost during a file transfer',
    )
  }
}

function channelError(conn: SshConnection, detail: string): SshError {
  const { id, label, index } = conn.hops[conn.hops.length - 1]
  const hop = { id, label, index, isTarget: true }
  const message = redact(`${describeEndpoint(conn.target, true)}: ${detail}`, conn.secrets)
  if (conn.isOpen) return new SshError('protocol', message, { hop })
  const cause = conn.lastError
  if (cause?.level === 'client-timeout')
    return new SshError('timeout', `${message} (no answer to keep-alives)`, { hop })
  const code = typeof cause?.code === 'string' ? cause.code : undefined
  return new SshError('unreachable', code ? `${message} (${code})` : message, { hop, code })
}
