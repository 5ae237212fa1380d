// Plain data in, plain data out: the DB layer builds endpoints (secrets already decrypted)
// and stores what comes back (host key fingerprints, statuses from SshError kinds).

export type SshCredential =
  { type: 'key'; privateKey: string; passphrase?: string } | { type: 'password'; password: string }

/** A target or a proxy (jump host). */
export interface SshEndpoint {
  id: string
  label: string
  host: string
  port: number
  username: string
  credential: SshCredential
  /** The trusted SHA256 fingerprint ('SHA256:…'), or null to trust the first key seen. */
  hostKey: { fingerprint: string | null }
}

/** Where in a chain something happened: index 0 is the first proxy; the target comes last. */
export interface SshHopRef {
  id: string
  label: string
  index: number
  isTarget: boolean
}

export interface SshHop extends SshHopRef {
  host: string
  port: number
  /** The fingerprint the hop presented (and that was accepted). */
  fingerprint: string
}

export interface ConnectOptions {
  target: SshEndpoint
  /** Ordered: the first hop first (the one Fanout dials directly). */
  proxies?: SshEndpoint[]
  /** Per hop: TCP connect (or tunnel open) + SSH handshake + authentication. */
  connectTimeoutMs?: number
  keepaliveIntervalMs?: number
  keepaliveCountMax?: number
  /**
   * Called for every hop without a stored fingerprint, with the fingerprint it presented
   * (trust on first use: the caller stores it). A returned promise is awaited before
   * connect() settles.
   */
  onHostKey?: (endpointId: string, fingerprint: string) => void | Promise<void>
  /** Aborting destroys every hop opened so far; connect() rejects with the signal's reason. */
  signal?: AbortSignal
}

export interface ExecOptions {
  /** Written to the command's stdin, which is then closed (it is closed at once without it). */
  stdin?: string | Buffer
  onStdout?: (chunk: Buffer) => void
  onStderr?: (chunk: Buffer) => void
  /**
   * Aborting closes the channel and rejects with the signal's reason. It does not kill the
   * remote process: the execution engine kills the process group it started.
   */
  signal?: AbortSignal
}

export interface ExecResult {
  /** Exit status, or null when the command was killed by a signal. */
  code: number | null
  /** 'SIGKILL' etc. when the command was killed by a signal. */
  signal: string | null
}
