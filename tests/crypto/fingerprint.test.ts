import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fingerprintOfPublicKey, normalizeFingerprint, sameFingerprint, sshFingerprint } from '@/lib/crypto/fingerprint'
import { generateKeyPair } from '../support/sshd'

function sshKeygenFingerprint(publicKey: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fanout-fp-'))
  try {
    writeFileSync(path.join(dir, 'k.pub'), `${publicKey}\n`)
    return execFileSync('ssh-keygen', ['-lf', path.join(dir, 'k.pub')], { encoding: 'utf8' }).split(' ')[1]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('SSH fingerprints', () => {
  it('match ssh-keygen -lf for ed25519 and RSA keys', () => {
    for (const type of ['ed25519', 'rsa'] as const) {
      const { publicKey } = generateKeyPair(type)
      const expected = sshKeygenFingerprint(publicKey)
      expect(fingerprintOfPublicKey(publicKey)).toBe(expected)
      const blob = Buffer.from(publicKey.split(' ')[1], 'base64')
      expect(sshFingerprint(blob)).toBe(expected)
      expect(expected).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
    }
  })

  it('normalise stored or pasted forms and compare them', () => {
    const fp = fingerprintOfPublicKey(generateKeyPair().publicKey)
    const bare = fp.slice('SHA256:'.length)
    expect(normalizeFingerprint(`${bare}=`)).toBe(fp)
    expect(normalizeFingerprint(` sha256:${bare} `)).toBe(fp)
    expect(normalizeFingerprint('MD5:00:11')).toBeNull()
    expect(normalizeFingerprint('')).toBeNull()
    expect(sameFingerprint(fp, `${bare}=`)).toBe(true)
    expect(sameFingerprint(fp, fingerprintOfPublicKey(generateKeyPair().publicKey))).toBe(false)
    expect(sameFingerprint('garbage', 'garbage')).toBe(false)
  })
})
