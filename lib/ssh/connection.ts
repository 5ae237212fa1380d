import type { Duplex } from 'node:stream'
import type { Client } from 'ssh2'
import { exec } from './exec'
import { openSftp, type SftpSession } from './sftp'
import type { ExecOptions, ExecResult, SshEndpoint, SshHop, SshHopRef } from './types'

/** One opened hop of a chain (internal to lib/ssh). */
export interface OpenHop {
  client: Client
  /** What the hop's SSH runs over: its TCP socket, or its tunnel through the hop before (once opening). */
  transport?: Duplex
  ref: SshHopRef
  endpoint: SshEndpoint
  fingerprint: string
  closed: boolean
  /** The last error ssh2 emitted (after ready: keep-alive timeout, reset …). */
  lastError: (Error & { level?: string; code?: unknown }) | null
}

const CLOSE_GRACE_MS = 2_000

/**
 * A connected chain. `client` is the target's ssh2 Client (for exec, SFTP …). When any hop
 * closes — close() or the network — every hop is closed.
 */
export class SshConnection {
  readonly hops: readonly SshHop[]
  /** Resolves once every hop of the chain is closed. */
  readonly closed: Promise<void>
  private closing = false

  constructor(
    private readonly chain: OpenHop[],
    /** @internal for exec's error messages */
    readonly target: SshEndpoint,
    /** @internal strings no message may contain */
    readonly secrets: string[],
  ) {
    this.hops = chain.map((h) => ({
      ...h.ref,
      host: h.endpoint.host,
      port: h.endpoint.port,
      fingerprint: h.fingerprint,
    }))
    this.closed = Promise.all(
      chain.map((h) =>
        h.closed ? undefined : new Promise<void>((resolve) => h.client.once('close', () => resolve())),
      ),
    ).then(() => undefined)
    for (const h of chain) {
      if (h.closed) this.close()
      else h.client.once('close', () => this.close())
    }
  }

  get client(): Client {
    return this.chain[this.chain.length - 1].client
  }

  /** False once the chain is closing or closed. */
  get isOpen(): boolean {
    return !this.closing
  }

  /** The first error a hop reported after the chain was ready (why it went away), if any. */
  get lastError(): OpenHop['lastError'] {
    return this.chain.find((h) => h.lastError)?.lastError ?? null
  }

  exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    return exec(this, command, options)
  }

  /** Opens an SFTP session on the target; end() it when done (the connection stays open). */
  sftp(): Promise<SftpSession> {
    return openSftp(this)
  }

  /** Ends every hop, the target first; resolves when all are closed. */
  close(): Promise<void> {
    if (!this.closing) {
      this.closing = true
      for (const h of [...this.chain].reverse()) h.client.end()
      // end() waits for the peer; a dead peer must not keep a hop (and its socket) alive.
      // The transport itself: ssh2's Client.destroy() does nothing once end() ended it.
      const timer = setTimeout(() => this.chain.forEach((h) => h.transport?.destroy()), CLOSE_GRACE_MS)
      timer.unref()
      void this.closed.then(() => clearTimeout(timer))
    }
    return this.closed
  }
}
