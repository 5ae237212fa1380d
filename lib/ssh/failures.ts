// Classifying what went wrong at one hop, from ssh2's error levels and Node's socket codes.
import type { OpenHop } from './connection'
import { HopFailure } from './errors'

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens on that port)',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host is down',
  ENOTFOUND: 'cannot resolve the host name',
  EAI_AGAIN: 'cannot resolve the host name (temporary DNS failure)',
  EADDRNOTAVAIL: 'address not available',
}

export function classify(err: Error & { level?: string; code?: unknown }, phase: string, explainAuth: () => string) {
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

export function timeoutFailure(phase: string, ms: number, via: OpenHop | undefined) {
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
export function tunnelFailure(err: Error & { reason?: unknown }, via: OpenHop) {
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
