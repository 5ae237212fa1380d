import type { SshCredential, SshEndpoint, SshHopRef } from './types'

export type SshErrorKind = 'unreachable' | 'timeout' | 'auth_failed' | 'host_key_mismatch' | 'proxy_failed' | 'protocol'
/** What actually went wrong at a hop (proxy_failed only says where). */
export type SshFailureKind = Exclude<SshErrorKind, 'proxy_failed'>

export interface SshErrorDetails {
  hop?: SshHopRef | null
  causeKind?: SshFailureKind
  expectedFingerprint?: string
  presentedFingerprint?: string
  /** A system or SSH code such as 'ECONNREFUSED', when there is one. */
  code?: string
}

/**
 * Every failure lib/ssh reports. The message is for people ("Proxy bastion-2 (10.0.0.2:22):
 * authentication failed …") and never contains a password, key or passphrase; there is no
 * `cause`, so nothing from the underlying error can leak through logging or serialisation.
 */
export class SshError extends Error {
  override readonly name = 'SshError'
  readonly kind: SshErrorKind
  /** The underlying kind: equal to kind, except for proxy_failed where it says what failed at the proxy. */
  readonly causeKind: SshFailureKind
  readonly hop: SshHopRef | null
  readonly expectedFingerprint?: string
  readonly presentedFingerprint?: string
  readonly code?: string

  constructor(kind: SshErrorKind, message: string, details: SshErrorDetails = {}) {
    super(message)
    this.kind = kind
    this.causeKind = details.causeKind ?? (kind === 'proxy_failed' ? 'protocol' : kind)
    this.hop = details.hop ?? null
    if (details.expectedFingerprint) this.expectedFingerprint = details.expectedFingerprint
    if (details.presentedFingerprint) this.presentedFingerprint = details.presentedFingerprint
    if (details.code) this.code = details.code
  }

  toJSON() {
    const { name, kind, causeKind, message, hop, expectedFingerprint, presentedFingerprint, code } = this
    return { name, kind, causeKind, message, hop, expectedFingerprint, presentedFingerprint, code }
  }
}

/** A failure at one hop, before it is placed in the chain (see toSshError). */
export class HopFailure extends Error {
  constructor(
    readonly kind: SshFailureKind,
    readonly detail: string,
    readonly extra: Pick<SshErrorDetails, 'expectedFingerprint' | 'presentedFingerprint' | 'code'> & {
      /** The previous hop (the proxy) is at fault, e.g. it refuses TCP forwarding. */
      blamePrevious?: boolean
    } = {},
  ) {
    super(detail)
  }
}

export function describeEndpoint(endpoint: Pick<SshEndpoint, 'label' | 'host' | 'port'>, isTarget: boolean): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host
  return `${isTarget ? 'Target' : 'Proxy'} ${endpoint.label} (${host}:${endpoint.port})`
}

/** Places a hop failure in the chain: a failure at a proxy becomes proxy_failed naming it. */
export function toSshError(failure: HopFailure, endpoint: SshEndpoint, hop: SshHopRef, secrets: string[]): SshError {
  const message = redact(`${describeEndpoint(endpoint, hop.isTarget)}: ${failure.detail}`, secrets)
  const { expectedFingerprint, presentedFingerprint, code } = failure.extra
  return new SshError(hop.isTarget ? failure.kind : 'proxy_failed', message, {
    hop,
    causeKind: failure.kind,
    expectedFingerprint,
    presentedFingerprint,
    code,
  })
}

/** The strings no message may contain: passwords, passphrases, private keys (whole and by line). */
export function secretsOf(credential: SshCredential): string[] {
  if (credential.type === 'password') return [credential.password]
  const lines = credential.privateKey.split(/\r?\n/).filter((l) => l.length >= 16 && !l.startsWith('-----'))
  return [credential.privateKey, ...lines, ...(credential.passphrase ? [credential.passphrase] : [])]
}

// Messages are built from fixed text, labels and addresses; redaction is the second line of
// defence for the few pieces that come from elsewhere (server disconnect texts, ssh2 messages).
// Secrets shorter than 4 characters would match ordinary words and are not real secrets anyway.
export function redact(text: string, secrets: string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]')
  }
  return out
}
