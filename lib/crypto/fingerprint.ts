import { createHash } from 'node:crypto'

// SSH key fingerprints exactly as `ssh-keygen -lf` and OpenSSH clients print them:
// 'SHA256:' + unpadded base64 of the SHA-256 of the public key blob.

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/

/** Fingerprint of a raw public key blob (what ssh2's hostVerifier receives). */
export function sshFingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`
}

/** Fingerprint of a public key line 'ssh-ed25519 AAAA… comment' (authorized_keys / known_hosts style). */
export function fingerprintOfPublicKey(line: string): string {
  const blob = line.trim().split(/\s+/)[1]
  if (!blob || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) throw new Error('Not an OpenSSH public key line')
  return sshFingerprint(Buffer.from(blob, 'base64'))
}

/**
 * The canonical form of a stored or pasted fingerprint ('SHA256:…' without padding), or
 * null when the text is not a SHA256 fingerprint. Accepts a missing prefix and '=' padding.
 */
export function normalizeFingerprint(text: string): string | null {
  const t = text.trim().replace(/=+$/, '')
  const candidate = /^SHA256:/i.test(t) ? `SHA256:${t.slice(7)}` : `SHA256:${t}`
  return FINGERPRINT.test(candidate) ? candidate : null
}

export function sameFingerprint(a: string, b: string): boolean {
  const na = normalizeFingerprint(a)
  return na !== null && na === normalizeFingerprint(b)
}
