import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fingerprintOfPublicKey } from '@/lib/crypto/fingerprint'
import { connect, type SshEndpoint, SshError } from '@/lib/ssh'
import { endpointFor, replaceHostKey } from './helpers'
import { generateKeyPair, type KeyPair, type SshHost, startSshd } from '../support/sshd'

// Trust on first use: no stored fingerprint → accept and report; stored → must match.
let key: KeyPair
let host: SshHost

beforeAll(async () => {
  key = generateKeyPair('ed25519')
  host = await startSshd({ authorizedKeys: [key.publicKey] })
})

afterAll(async () => {
  await host?.stop()
})

function target(fingerprint: string | null, h: SshHost = host): SshEndpoint {
  return endpointFor(h, { type: 'key', privateKey: key.privateKey }, { label: 'db-1', hostKey: { fingerprint } })
}

async function failure(promise: Promise<unknown>): Promise<SshError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(SshError)
  return err as SshError
}

describe('host keys, trust on first use', () => {
  it('first connect accepts the key and reports its fingerprint; the stored one is then accepted', async () => {
    const seen: [string, string][] = []
    const first = target(null)
    const conn = await connect({ target: first, onHostKey: (id, fp) => void seen.push([id, fp]) })
    expect(seen).toEqual([[first.id, host.hostKeyFingerprint]])
    expect(conn.hops[0].fingerprint).toBe(host.hostKeyFingerprint)
    await conn.close()

    // As stored, and in the forms people paste (no prefix, base64 padding).
    const bare = host.hostKeyFingerprint.slice('SHA256:'.length)
    for (const stored of [host.hostKeyFingerprint, bare, `${bare}=`]) {
      const again = await connect({ target: target(stored), onHostKey: () => void seen.push(['unexpected', stored]) })
      expect((await again.exec('true')).code).toBe(0)
      await again.close()
    }
    expect(seen).toHaveLength(1)
  })

  it('a different stored fingerprint → host_key_mismatch with both fingerprints, and no command runs', async () => {
    const expected = fingerprintOfPublicKey(generateKeyPair().publicKey)
    const reported: string[] = []
    const err = await failure(connect({ target: target(expected), onHostKey: (_id, fp) => void reported.push(fp) }))
    expect(err).toMatchObject({
      kind: 'host_key_mismatch',
      causeKind: 'host_key_mismatch',
      expectedFingerprint: expected,
      presentedFingerprint: host.hostKeyFingerprint,
      hop: { label: 'db-1', index: 0, isTarget: true },
    })
    expect(err.message).toContain(`expected ${expected}, the host presented ${host.hostKeyFingerprint}`)
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ expectedFingerprint: expected })
    expect(reported).toEqual([])
  })

  it('an sshd restarted with a NEW host key → mismatch; re-trusting the new key works', async () => {
    const h = await startSshd({ authorizedKeys: [key.publicKey] })
    try {
      const trusted = h.hostKeyFingerprint
      await (await connect({ target: target(trusted, h) })).close()

      const newFingerprint = fingerprintOfPublicKey(replaceHostKey(h))
      await h.restart()
      const err = await failure(connect({ target: target(trusted, h) }))
      expect(err).toMatchObject({
        kind: 'host_key_mismatch',
        expectedFingerprint: trusted,
        presentedFingerprint: newFingerprint,
      })

      // The admin compares, then re-trusts: the caller stores the presented fingerprint.
      const conn = await connect({ target: target(err.presentedFingerprint!, h) })
      expect((await conn.exec('true')).code).toBe(0)
      await conn.close()
    } finally {
      await h.stop()
    }
  })

  it('waits for an async onHostKey before resolving, and fails (closing the chain) if it throws', async () => {
    let stored = false
    const conn = await connect({
      target: target(null),
      onHostKey: async () => {
        await new Promise((r) => setTimeout(r, 50))
        stored = true
      },
    })
    expect(stored).toBe(true)
    await conn.close()

    await expect(
      connect({
        target: target(null),
        onHostKey: async () => {
          throw new Error('database is locked')
        },
      }),
    ).rejects.toThrow('database is locked')
  })
})
