import {
  type AnyAuthMethod,
  type AuthenticationType,
  type AuthHandlerMiddleware,
  Client,
  type ClientChannel,
  type ParsedKey,
  type Prompt,
} from 'ssh2'
import { normalizeFingerprint, sameFingerprint, sshFingerprint } from '../crypto/fingerprint'
import { SshConnection, type OpenHop } from './connection'
import { HopFailure, secretsOf, toSshError } from './errors'
import { KeyError, loadPrivateKey } from './keys'
import type { ConnectOptions, SshEndpoint, SshHopRef } from './types'

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
const DEFAULT_KEEPALIVE_INTERVAL_MS = 60_000
const DEFAULT_KEEPALIVE_COUNT_MAX = 3

// ssh2's default order today. Pinned: the host key a server presents is the first type of this
// list it has, so an upgrade that reordered it would turn stored fingerprints into mismatches.
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
]

interface HopSettings {
  connectTimeoutMs: number
  keepaliveIntervalMs: number
  keepaliveCountMax: number
  signal?: AbortSignal
}

/**
 * Opens target through proxies (first hop first) the ProxyJump way: each hop after the first
 * is an SSH connection carried by a direct-tcpip channel (forwardOut) of the hop before it.
 * Every hop's host key is checked (trust on first use). Failures reject with an SshError
 * naming the hop; every hop opened so far is closed.
 */
export async function connect(options: ConnectOptions): Promise<SshConnection> {
  const endpoints = [...(options.proxies ?? []), options.target]
  const secrets = endpoints.flatMap((e) => secretsOf(e.credential))
  const settings: HopSettings = {
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keepaliveIntervalMs: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS,
    keepaliveCountMax: options.keepaliveCountMax ?? DEFAULT_KEEPALIVE_COUNT_MAX,
    signal: options.signal,
  }
  const reports: Promise<void>[] = []
  const opened: OpenHop[] = []
  const refOf = (index: number): SshHopRef => ({
    id: endpoints[index].id,
    label: endpoints[index].label,
    index,
    isTarget: index === endpoints.length - 1,
  })

  try {
    options.signal?.throwIfAborted()
    for (let index = 0; index < endpoints.length; index++) {
      const endpoint = endpoints[index]
      const onHostKey = (fingerprint: string) => {
        if (options.onHostKey) reports.push(Promise.resolve().then(() => options.onHostKey!(endpoint.id, fingerprint)))
      }
      try {
        opened.push(await openHop(endpoint, refOf(index), opened[index - 1], settings, onHostKey))
      } catch (err) {
        if (!(err instanceof HopFailure)) throw err
        const at = err.extra.blamePrevious ? index - 1 : index
        throw toSshError(err, endpoints[at], refOf(at), secrets)
      }
    }
    await Promise.all(reports)
  } catch (err) {
    for (const hop of [...opened].reverse()) hop.client.destroy()
    await Promise.allSettled(reports)
    throw err
  }
  return new SshConnection(opened, endpoints[endpoints.length - 1], secrets)
}

function openHop(
  endpoint: SshEndpoint,
  ref: SshHopRef,
  via: OpenHop | undefined,
  settings: HopSettings,
  onHostKey: (fingerprint: string) => void,
): Promise<OpenHop> {
  return new Promise((resolve, reject) => {
    const client = new Client()
    const hop: OpenHop = { client, ref, endpoint, fingerprint: '', closed: false, lastError: null }
    let phase: 'tcp' | 'handshake' | 'auth' = 'tcp'
    let trusted = endpoint.hostKey.fingerprint
    let mismatch = false
    let tunnel: ClientChannel | undefined
    let settled = false

    const settle = (failure?: unknown) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      settings.signal?.removeEventListener('abort', onAbort)
      if (failure === undefined) return resolve(hop)
      client.destroy()
      tunnel?.destroy()
      reject(failure)
    }
    const timer = setTimeout(
      () => settle(timeoutFailure(phase, settings.connectTimeoutMs, via)),
      settings.connectTimeoutMs,
    )
    const onAbort = () => settle(settings.signal!.reason)
    settings.signal?.addEventListener('abort', onAbort, { once: true })

    let auth: ReturnType<typeof authPlan>
    try {
      auth = authPlan(endpoint)
    } catch (err) {
      return settle(err instanceof KeyError ? new HopFailure('auth_failed', err.message) : err)
    }

    // ssh2 may emit 'error' several times and even after 'close' (mscdex/ssh2#902): the
    // listener stays for the client's whole life, or a late error would crash the process.
    client.on('error', (err: Error & { level?: string; code?: unknown }) => {
      hop.lastError = err
      if (settled) return
      if (mismatch) {
        return settle(
          new HopFailure(
            'host_key_mismatch',
            `host key mismatch: expected ${trusted}, the host presented ${hop.fingerprint}. ` +
              'If the host was reinstalled, verify the new key and trust it again.',
            { expectedFingerprint: trusted ?? undefined, presentedFingerprint: hop.fingerprint },
          ),
        )
      }
      settle(classify(err, phase, auth.explain))
    })
    client.on('close', () => {
      hop.closed = true
      settle(new HopFailure('protocol', 'the connection closed during the SSH handshake'))
    })
    client.on('connect', () => (phase = 'handshake'))
    client.on('handshake', () => (phase = 'auth'))
    client.once('ready', () => settle())

    const start = (sock?: ClientChannel) => {
      client.connect({
        host: endpoint.host,
        port: endpoint.port,
        username: endpoint.username,
        sock,
        readyTimeout: 0, // the hop timer above covers tunnel, TCP, handshake and auth together
        keepaliveInterval: settings.keepaliveIntervalMs,
        keepaliveCountMax: settings.keepaliveCountMax,
        algorithms: { serverHostKey: HOST_KEY_ALGORITHMS as never },
        authHandler: auth.handler,
        // Called on every key exchange, re-keys included.
        hostVerifier: (key: Buffer) => {
          hop.fingerprint = sshFingerprint(key)
          if (trusted === null) {
            trusted = hop.fingerprint
            onHostKey(hop.fingerprint)
            return true
          }
          if (sameFingerprint(trusted, hop.fingerprint)) return true
          trusted = normalizeFingerprint(trusted) ?? trusted
          mismatch = true
          return false
        },
      })
    }

    if (!via) return start()
    via.client.forwardOut('127.0.0.1', 0, endpoint.host, endpoint.port, (err, stream) => {
      if (settled) return stream?.destroy()
      if (err) return settle(tunnelFailure(err as Error & { reason?: unknown }, via))
      tunnel = stream
      start(stream)
    })
  })
}

// ---------------------------------------------------------------------------------------
// Authentication: exactly the configured credential, nothing from the environment (no agent,
// no default keys). A password is also offered through keyboard-interactive, the only
// password method many servers (PAM) enable.

function authPlan(endpoint: SshEndpoint) {
  const { username, credential } = endpoint
  const plan: AnyAuthMethod[] =
    credential.type === 'key'
      ? [{ type: 'publickey', username, key: loadPrivateKey(credential.privateKey, credential.passphrase) }]
      : [
          { type: 'password', username, password: credential.password },
          { type: 'keyboard-interactive', username, prompt: answerWith(credential.password) },
        ]
  const tried: AuthenticationType[] = []
  let offered: AuthenticationType[] | null = null

  // methodsLeft is null on the first call, and next(false) means "give up" (the types omit both).
  const handler: AuthHandlerMiddleware = (methodsLeft, _partialSuccess, next) => {
    if (methodsLeft) offered = methodsLeft
    const method = plan.find((m) => !tried.includes(m.type) && (!methodsLeft || methodsLeft.includes(m.type)))
    if (!method) return (next as unknown as (m: false) => void)(false)
    tried.push(method.type)
    next(method)
  }
  const explain = () => {
    const accepts = offered ? `; the server accepts ${offered.join(', ')}` : ''
    const what = credential.type === 'key' ? `${(plan[0] as { key: ParsedKey }).key.type} key` : 'password'
    return `authentication failed for user ${username} with the configured ${what}${accepts}`
  }
  return { handler, explain }
}

function answerWith(password: string) {
  let rounds = 0
  return (_name: string, _instructions: string, _lang: string, prompts: Prompt[], finish: (a: string[]) => void) => {
    // A server that keeps asking (a second factor, a retry) gets empty answers and fails.
    rounds++
    finish(prompts.map((p) => (rounds <= 2 && (!p.echo || /password/i.test(p.prompt)) ? password : '')))
  }
}

// ---------------------------------------------------------------------------------------
// Classifying what went wrong at a hop

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens on that port)',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host is down',
  ENOTFOUND: 'cannot resolve the host name',
  EAI_AGAIN: 'cannot resolve the host name (temporary DNS failure)',
  EADDRNOTAVAIL: 'address not available',
}

function classify(err: Error & { level?: string; code?: unknown }, phase: string, explainAuth: () => string) {
  const code = typeof err.code === 'string' ? err.code : undefined
  switch (err.level) {
    case 'client-authentication':
      return new HopFailure('auth_failed', explainAuth())
    case 'client-timeout':
      return new HopFailure('timeout', 'the connection timed out')
    case 'client-dns':
      return new HopFailure('unreachable', SOCKET_ERRORS.ENOTFOUND, { code: 'ENOTFOUND' })
    case 'client-socket':
      if (code && SOCKET_ERRORS[code]) return new HopFailure('unreachable', SOCKET_ERRORS[code], { code })
      if (code === 'ETIMEDOUT') return new HopFailure('timeout', 'the TCP connection timed out', { code })
      if (phase === 'tcp') return new HopFailure('unreachable', `cannot connect (${code ?? 'socket error'})`, { code })
      return new HopFailure('protocol', `the server reset the connection during the SSH ${phase} (${code})`, { code })
  }
  // A DISCONNECT from the server: its reason text is shown (redacted later like everything).
  if (typeof err.code === 'number' && phase === 'auth') {
    return new HopFailure('auth_failed', `${explainAuth()} (the server disconnected: ${err.message})`)
  }
  if (/before handshake/i.test(err.message)) {
    return new HopFailure(
      'protocol',
      'the server closed the connection before the SSH handshake (not an SSH server, or it refuses new connections: MaxStartups, tcpwrappers, fail2ban)',
    )
  }
  return new HopFailure(
    'protocol',
    `SSH protocol error during the ${phase === 'tcp' ? 'handshake' : phase}: ${err.message}`,
  )
}

function timeoutFailure(phase: string, ms: number, via: OpenHop | undefined) {
  const limit = ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`
  const what =
    phase === 'tcp'
      ? via
        ? `no connection through proxy ${via.ref.label} within ${limit}`
        : `no TCP connection within ${limit}`
      : phase === 'handshake'
        ? `the TCP connection opened but the SSH handshake did not complete within ${limit}`
        : `authentication did not complete within ${limit}`
  return new HopFailure('timeout', `timed out: ${what}`)
}

// direct-tcpip open failures (RFC 4254 §5.1): 1 = administratively prohibited is the proxy's
// own refusal; 2 = connect failed means the proxy could not reach the next hop.
function tunnelFailure(err: Error & { reason?: unknown }, via: OpenHop) {
  const description = err.message.replace(/^\(SSH\) Channel open failure: /, '') || 'open failed'
  if (err.reason === 1) {
    return new HopFailure(
      'protocol',
      `refuses to open a TCP tunnel to the next hop (${description}); allow TCP forwarding (AllowTcpForwarding) for this user`,
      { blamePrevious: true },
    )
  }
  return new HopFailure('unreachable', `unreachable from proxy ${via.ref.label}: ${description}`)
}
