import net from 'node:net'
import type { Duplex } from 'node:stream'
import { Client, type ServerHostKeyAlgorithm } from 'ssh2'
import { normalizeFingerprint, sameFingerprint, sshFingerprint } from '../crypto/fingerprint'
import { SshConnection, type OpenHop } from './connection'
import { authPlan } from './auth'
import { HopFailure, secretsOf, toSshError } from './errors'
import { classify, timeoutFailure, tunnelFailure } from './failures'
import { KeyError } from './keys'
import type { ConnectOptions, SshEndpoint, SshHopRef } from './types'

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
const DEFAULT_KEEPALIVE_INTERVAL_MS = 60_000
const DEFAULT_KEEPALIVE_COUNT_MAX = 3

// ssh2's default order today. Pinned: the host key a server presents is the first type of this
// list it has, so an upgrade that reordered it would turn stored fingerprints into mismatches.
const HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
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
        if (!options.onHostKey) return
        const report = Promise.resolve().then(() => options.onHostKey!(endpoint.id, fingerprint))
        report.catch(() => {}) // awaited below, after the remaining hops; not an unhandled rejection meanwhile
        reports.push(report)
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
    let settled = false

    const settle = (failure?: unknown) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      settings.signal?.removeEventListener('abort', onAbort)
      if (failure === undefined) return resolve(hop)
      client.destroy()
      hop.transport?.destroy()
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
      if (!(err instanceof KeyError)) return settle(err)
      return settle(
        new HopFailure(
          'auth_failed',
          err.message.replace(/^./, (c) => c.toLowerCase()),
        ),
      )
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

    // Fanout opens the TCP connection itself, so it holds the socket: SshConnection.close()
    // destroys it when the peer stopped answering.
    const start = (sock: Duplex) => {
      hop.transport = sock
      client.connect({
        host: endpoint.host,
        port: endpoint.port,
        username: endpoint.username,
        sock,
        readyTimeout: 0, // the hop timer above covers tunnel, TCP, handshake and auth together
        keepaliveInterval: settings.keepaliveIntervalMs,
        keepaliveCountMax: settings.keepaliveCountMax,
        algorithms: { serverHostKey: HOST_KEY_ALGORITHMS },
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

    if (!via) return start(new net.Socket().connect({ host: endpoint.host, port: endpoint.port }))
    via.client.forwardOut('127.0.0.1', 0, endpoint.host, endpoint.port, (err, stream) => {
      if (settled) return stream?.destroy()
      if (err) return settle(tunnelFailure(err as Error & { reason?: unknown }, via))
      // The tunnel is half-open: when the next hop goes away the proxy sends EOF and waits for
      // ours, and ssh2's Client never ends its sock itself, so without this the hop (and every
      // hop behind it) would hang open forever instead of emitting 'close'.
      stream.once('end', () => stream.destroy())
      start(stream)
    })
  })
}
