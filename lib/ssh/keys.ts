import { createHash, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto'
import { type ParsedKey, utils } from 'ssh2'
import { sshFingerprint } from '../crypto/fingerprint'

export type KeyErrorReason = 'needs_passphrase' | 'bad_passphrase' | 'unsupported_format' | 'invalid_public_key'

/** A key that cannot be used. The message names the problem, never the key or passphrase. */
export class KeyError extends Error {
  override readonly name = 'KeyError'
  constructor(
    readonly reason: KeyErrorReason,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Parses a private key for ssh2: OpenSSH, PEM (PKCS#1 RSA, SEC1 EC) and PuTTY as ssh2 reads
 * them, plus PKCS#8 ('BEGIN [ENCRYPTED] PRIVATE KEY', openssl's default), which ssh2 rejects
 * as "Unsupported key format" (mscdex/ssh2#893) and which is converted in memory here.
 */
export function loadPrivateKey(privateKey: string, passphrase?: string): ParsedKey {
  const id = createHash('sha256')
    .update(privateKey)
    .update('\0')
    .update(passphrase ?? '')
    .digest('base64')
  const hit = parsedKeys.get(id)
  if (hit && hit.expires > Date.now()) return hit.key
  const key = parsePrivateKey(privateKey, passphrase)
  parsedKeys.delete(id)
  parsedKeys.set(id, { key, expires: Date.now() + PARSED_KEY_TTL_MS })
  if (parsedKeys.size > PARSED_KEY_CACHE_SIZE) parsedKeys.delete(parsedKeys.keys().next().value!)
  return key
}

// Decrypting an OpenSSH key runs bcrypt-pbkdf (16 rounds by default) in JavaScript: ~1 s of
// blocked event loop per parse here. A run reuses one key for many hosts, so parsed keys are
// kept briefly (in memory only, as they are during every connection anyway).
const PARSED_KEY_CACHE_SIZE = 64
const PARSED_KEY_TTL_MS = 10 * 60_000
const parsedKeys = new Map<string, { key: ParsedKey; expires: number }>()

function parsePrivateKey(privateKey: string, passphrase?: string): ParsedKey {
  const text = `${privateKey.replace(/\r\n?/g, '\n').trim()}\n`
  const source = /-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/.test(text) ? fromPkcs8(text, passphrase) : text
  const parsed = utils.parseKey(source, passphrase || undefined)
  if (parsed instanceof Error) throw keyErrorFrom(parsed.message, Boolean(passphrase))
  // OpenSSH's format may hold several keys; it only ever holds one in practice.
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed
  if (!key.isPrivateKey()) throw new KeyError('unsupported_format', 'This is a public key; a private key is needed')
  return key
}

/** What the UI shows for an uploaded key: its type, public half and fingerprint. */
export function inspectPrivateKey(privateKey: string, passphrase?: string) {
  const key = loadPrivateKey(privateKey, passphrase)
  const blob = key.getPublicSSH()
  return { type: key.type, publicKey: `${key.type} ${blob.toString('base64')}`, fingerprint: sshFingerprint(blob) }
}

const needsPassphrase = () => new KeyError('needs_passphrase', 'The private key is encrypted: a passphrase is needed')
const badPassphrase = () => new KeyError('bad_passphrase', 'The private key could not be decrypted: wrong passphrase')
const unsupported = () =>
  new KeyError('unsupported_format', 'The private key is not in a supported format (OpenSSH, PEM, PKCS#8, PuTTY)')

// ssh2's parse messages: 'Encrypted … key detected, but no passphrase given', 'OpenSSH key
// integrity check failed -- bad passphrase?', 'Malformed OpenSSH private key. Bad passphrase?'.
function keyErrorFrom(message: string, hadPassphrase: boolean): KeyError {
  if (/no passphrase given/i.test(message)) return needsPassphrase()
  if (hadPassphrase && /passphrase|integrity check failed|bad decrypt/i.test(message)) return badPassphrase()
  return unsupported()
}

// RSA and EC PKCS#8 keys have a traditional PEM form ssh2 reads; Ed25519 has none, so it is
// rewritten in OpenSSH's own (unencrypted, in memory only) format.
function fromPkcs8(text: string, passphrase?: string): string {
  let key
  try {
    key = createPrivateKey({ key: text, format: 'pem', passphrase: passphrase || undefined })
  } catch {
    if (!/BEGIN ENCRYPTED/.test(text)) throw unsupported()
    throw passphrase ? badPassphrase() : needsPassphrase()
  }
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return key.export({ type: 'pkcs1', format: 'pem' }).toString()
    case 'ec':
      return key.export({ type: 'sec1', format: 'pem' }).toString()
    case 'ed25519': {
      const jwk = key.export({ format: 'jwk' })
      return opensshEd25519(Buffer.from(jwk.d!, 'base64url'), Buffer.from(jwk.x!, 'base64url'))
    }
    default:
      throw unsupported()
  }
}

/** RFC 4251 `string`: a uint32 length, then the bytes. */
function sshString(value: Buffer | string) {
  const buf = Buffer.from(value)
  const len = Buffer.alloc(4)
  len.writeUInt32BE(buf.length)
  return Buffer.concat([len, buf])
}

const ed25519PublicBlob = (publicKey: Buffer) => Buffer.concat([sshString('ssh-ed25519'), sshString(publicKey)])

/** PROTOCOL.key's 'openssh-key-v1' container for one unencrypted Ed25519 key. */
function opensshEd25519(seed: Buffer, publicKey: Buffer, comment = ''): string {
  const one = Buffer.from([0, 0, 0, 1])
  const check = randomBytes(4)
  const pub = ed25519PublicBlob(publicKey)
  let priv = Buffer.concat([check, check, pub, sshString(Buffer.concat([seed, publicKey])), sshString(comment)])
  const padding = Buffer.from(Array.from({ length: (8 - (priv.length % 8)) % 8 }, (_, i) => i + 1))
  priv = Buffer.concat([priv, padding])
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    one,
    sshString(pub),
    sshString(priv),
  ])
  const lines = body.toString('base64').match(/.{1,70}/g) ?? []
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`
}

// ---------------------------------------------------------------------------------------
// Public keys and the platform key

export interface PublicKeyLine {
  type: string
  /** 'type base64 comment', normalised to single spaces: the exact authorized_keys line. */
  line: string
  comment: string
  fingerprint: string
}

/** Validates one OpenSSH public key line; the blob must really be a key of the named type. */
export function parsePublicKey(text: string): PublicKeyLine {
  const invalid = () => new KeyError('invalid_public_key', 'Not a valid OpenSSH public key line')
  const trimmed = text.trim()
  // One line of printable characters: nothing that could end or extend a shell command line.
  if (!trimmed || /[\x00-\x1f\x7f]/.test(trimmed)) throw invalid()
  const match = /^([a-z0-9@.-]+) +([A-Za-z0-9+/]+={0,2})(?: +(.*))?$/.exec(trimmed)
  if (!match) throw invalid()
  const [, type, base64, comment = ''] = match
  const blob = Buffer.from(base64, 'base64')
  const parsed = utils.parseKey(`${type} ${base64}`)
  if (parsed instanceof Error || blob.length < 4 || blob.toString('latin1', 4, 4 + blob.readUInt32BE(0)) !== type) {
    throw invalid()
  }
  const line = comment ? `${type} ${base64} ${comment}` : `${type} ${base64}`
  return { type, line, comment, fingerprint: sshFingerprint(blob) }
}

/** A tenant's platform key: ed25519, private half in OpenSSH format, comment 'fanout-<label>'. */
export function generatePlatformKeyPair(label: string): { privateKey: string; publicKey: string } {
  const safe = label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'key'
  // node:crypto, not ssh2's generator: ssh2 strips leading zero bytes from the public key,
  // so about one key in 256 came out 31 bytes long and unusable.
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })
  const seed = Buffer.from(jwk.d!, 'base64url')
  const publicKey = Buffer.from(jwk.x!, 'base64url')
  const comment = `fanout-${safe}`
  return {
    privateKey: opensshEd25519(seed, publicKey, comment),
    publicKey: `ssh-ed25519 ${ed25519PublicBlob(publicKey).toString('base64')} ${comment}`,
  }
}

/**
 * The one-line command an admin pastes on a host (POSIX sh, bash, zsh) to authorise a key:
 * creates ~/.ssh (700) and authorized_keys (600), and appends the line only when that exact
 * line is absent, after a newline if the file does not end with one.
 */
export function authorizedKeysCommand(publicKey: string): string {
  const key = shellQuote(parsePublicKey(publicKey).line)
  const file = '~/.ssh/authorized_keys'
  return (
    `mkdir -p ~/.ssh && chmod 700 ~/.ssh && touch ${file} && chmod 600 ${file} && ` +
    `{ grep -qxF ${key} ${file} || { [ -z "$(tail -c 1 ${file})" ] || echo >> ${file}; printf '%s\\n' ${key} >> ${file}; }; }`
  )
}

/** POSIX single quoting: the only character needing care inside '…' is ' itself. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}
