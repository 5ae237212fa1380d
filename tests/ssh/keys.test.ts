import { execFileSync } from 'node:child_process'
import { createPrivateKey } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fingerprintOfPublicKey } from '@/lib/crypto/fingerprint'
import {
  authorizedKeysCommand,
  generatePlatformKeyPair,
  inspectPrivateKey,
  KeyError,
  loadPrivateKey,
  parsePublicKey,
} from '@/lib/ssh'
import { generateKeyPair } from '../support/sshd'

// One RSA key for the file (generating one costs ~0.5 s); encrypted forms are derived from it.
const rsa = generateKeyPair('rsa', '', 'pem')
const encryptedPem = (passphrase: string) =>
  createPrivateKey(rsa.privateKey)
    .export({ type: 'pkcs1', format: 'pem', cipher: 'aes-128-cbc', passphrase })
    .toString()

const homes: string[] = []
afterEach(() => homes.splice(0).forEach((h) => rmSync(h, { recursive: true, force: true })))

function keyError(fn: () => unknown): KeyError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(KeyError)
    return err as KeyError
  }
  throw new Error('expected a KeyError')
}

describe('private keys', () => {
  it('reads OpenSSH and PEM keys, tolerating CRLF and surrounding blanks', () => {
    const ed = generateKeyPair('ed25519')
    expect(loadPrivateKey(`\r\n${ed.privateKey.replace(/\n/g, '\r\n')}  `).type).toBe('ssh-ed25519')
    expect(inspectPrivateKey(rsa.privateKey)).toEqual({
      type: 'ssh-rsa',
      publicKey: rsa.publicKey.split(' ').slice(0, 2).join(' '),
      fingerprint: fingerprintOfPublicKey(rsa.publicKey),
    })
  })

  it('says whether a passphrase is missing or wrong, without echoing either', () => {
    const privateKey = encryptedPem('right phrase')
    expect(privateKey).toContain('Proc-Type: 4,ENCRYPTED')
    expect(keyError(() => loadPrivateKey(privateKey)).reason).toBe('needs_passphrase')
    const wrong = keyError(() => loadPrivateKey(privateKey, 'wrong phrase'))
    expect(wrong.reason).toBe('bad_passphrase')
    expect(wrong.message).not.toMatch(/right|wrong phrase/)
    expect(loadPrivateKey(privateKey, 'right phrase').isPrivateKey()).toBe(true)
    // PKCS#8, encrypted: the same answers.
    const pkcs8 = createPrivateKey(rsa.privateKey)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'right phrase' })
      .toString()
    expect(keyError(() => loadPrivateKey(pkcs8)).reason).toBe('needs_passphrase')
    expect(keyError(() => loadPrivateKey(pkcs8, 'wrong phrase')).reason).toBe('bad_passphrase')
    expect(inspectPrivateKey(pkcs8, 'right phrase').fingerprint).toBe(fingerprintOfPublicKey(rsa.publicKey))
  })

  it('rejects garbage and public keys as unsupported', () => {
    expect(keyError(() => loadPrivateKey('not a key')).reason).toBe('unsupported_format')
    expect(keyError(() => loadPrivateKey(generateKeyPair().publicKey)).reason).toBe('unsupported_format')
  })
})

describe('public keys and the platform key pair', () => {
  it('generates an ed25519 pair in OpenSSH format with the comment fanout-<label>', () => {
    const pair = generatePlatformKeyPair('acme prod/eu')
    expect(pair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/)
    expect(pair.publicKey).toMatch(/^ssh-ed25519 AAAA[A-Za-z0-9+/]+={0,2} fanout-acme-prod-eu$/)
    expect(inspectPrivateKey(pair.privateKey).publicKey).toBe(pair.publicKey.split(' ').slice(0, 2).join(' '))
  })

  it('every generated pair is usable: 2,000 pairs, each public key parses and matches its private key', () => {
    // ssh2's generator dropped leading zero bytes: about one key in 256 was 31 bytes long.
    for (let i = 0; i < 2000; i++) {
      const pair = generatePlatformKeyPair('many')
      expect(parsePublicKey(pair.publicKey).type).toBe('ssh-ed25519')
      const blob = Buffer.from(pair.publicKey.split(' ')[1], 'base64')
      expect(blob.length).toBe(4 + 11 + 4 + 32)
      if (i % 200 === 0)
        expect(inspectPrivateKey(pair.privateKey).publicKey).toBe(pair.publicKey.split(' ').slice(0, 2).join(' '))
    }
  })

  it('validates public key lines: the blob must be a key of the named type', () => {
    const { publicKey } = generateKeyPair()
    expect(parsePublicKey(`  ${publicKey.replace(' ', '   ')}\n`)).toMatchObject({
      type: 'ssh-ed25519',
      line: publicKey,
      comment: 'fanout-test',
      fingerprint: fingerprintOfPublicKey(publicKey),
    })
    const [, blob] = publicKey.split(' ')
    for (const bad of [
      '',
      'ssh-ed25519',
      `ssh-rsa ${blob}`,
      `ssh-ed25519 ${blob} two\nlines`,
      `ssh-ed25519 !!${blob}`,
    ]) {
      expect(keyError(() => parsePublicKey(bad)).reason).toBe('invalid_public_key')
    }
  })
})

describe('authorizedKeysCommand', () => {
  const shells = ['sh', 'bash', 'zsh'].filter((s) => ['/bin', '/usr/bin'].some((d) => existsSync(`${d}/${s}`)))

  function runIn(shell: string, home: string, command: string) {
    execFileSync(shell, ['-c', command], { env: { ...process.env, HOME: home }, stdio: 'pipe' })
  }

  function freshHome() {
    const home = mkdtempSync(path.join(tmpdir(), 'fanout-home-'))
    homes.push(home)
    return home
  }

  it.each(shells)('is idempotent and sets 700/600 (%s)', (shell) => {
    const { publicKey } = generatePlatformKeyPair('acme')
    const command = authorizedKeysCommand(publicKey)
    expect(command).not.toContain('\n')
    const home = freshHome()
    runIn(shell, home, command)
    runIn(shell, home, command)
    const file = path.join(home, '.ssh', 'authorized_keys')
    expect(readFileSync(file, 'utf8')).toBe(`${publicKey}\n`)
    expect(statSync(path.join(home, '.ssh')).mode & 0o777).toBe(0o700)
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('keeps existing lines, adding a newline when the file lacks a final one', () => {
    const home = freshHome()
    const existing = generateKeyPair().publicKey
    runIn('sh', home, 'mkdir -m 755 ~/.ssh')
    writeFileSync(path.join(home, '.ssh', 'authorized_keys'), existing, { mode: 0o644 })
    const { publicKey } = generatePlatformKeyPair('acme')
    runIn('sh', home, authorizedKeysCommand(publicKey))
    expect(readFileSync(path.join(home, '.ssh', 'authorized_keys'), 'utf8')).toBe(`${existing}\n${publicKey}\n`)
    expect(statSync(path.join(home, '.ssh')).mode & 0o777).toBe(0o700)
  })

  it('cannot be turned into another command by the key comment', () => {
    const home = freshHome()
    const marker = path.join(home, 'pwned')
    const [type, blob] = generateKeyPair().publicKey.split(' ')
    const nasty = `${type} ${blob} x'; touch ${marker}; echo '$(touch ${marker}) \`touch ${marker}\` \\c %s`
    runIn('sh', home, authorizedKeysCommand(nasty))
    runIn('bash', home, authorizedKeysCommand(nasty))
    expect(existsSync(marker)).toBe(false)
    expect(readFileSync(path.join(home, '.ssh', 'authorized_keys'), 'utf8')).toBe(`${nasty}\n`)
  })
})
