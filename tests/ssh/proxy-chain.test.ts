import { readFileSync } from 'node:fs'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type SshEndpoint, SshError } from '@/lib/ssh'
import { collector, endpointFor, setSshdOption, startSilentListener } from './helpers'
import { fingerprintOfPublicKey } from '@/lib/crypto/fingerprint'
import { freePort, generateKeyPair, type KeyPair, type SshHost, startSshd } from '../support/sshd'

// Four real sshd processes: three proxies (bastion-1..3) and the target (web-1).
let key: KeyPair
let hosts: SshHost[]

beforeAll(async () => {
  key = generateKeyPair('ed25519')
  hosts = await Promise.all(
    Array.from({ length: 4 }, (_, i) => startSshd({ authorizedKeys: [key.publicKey], password: i === 1 })),
  )
})

afterAll(async () => {
  await Promise.all((hosts ?? []).map((h) => h.stop()))
})

function chain(overrides: Partial<SshEndpoint>[] = []) {
  const [p1, p2, p3, target] = hosts.map((h, i) =>
    endpointFor(
      h,
      { type: 'key', privateKey: key.privateKey },
      {
        id: i < 3 ? `proxy-${i + 1}` : 'target',
        label: i < 3 ? `bastion-${i + 1}` : 'web-1',
        ...overrides[i],
      },
    ),
  )
  return { proxies: [p1, p2, p3], target }
}

/** ESTABLISHED IPv4 TCP connections on this machine whose remote end is 127.0.0.1:port. */
function establishedTo(port: number): number {
  const remote = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => {
      const [, , rem, state] = line.trim().split(/\s+/)
      return rem === remote && state === '01'
    }).length
}

async function failure(promise: Promise<unknown>): Promise<SshError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(SshError)
  return err as SshError
}

describe('a chain of three proxies', () => {
  it('reaches the target through every hop, dialling only the first proxy', async () => {
    // Record every TCP connection this process opens while the chain is built.
    const dialled: number[] = []
    const original = net.Socket.prototype.connect
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      const opts = args[0] as { port?: number }
      if (typeof opts === 'object' && opts?.port) dialled.push(Number(opts.port))
      return (original as (...a: unknown[]) => net.Socket).apply(this, args)
    } as typeof original

    const reported: [string, string][] = []
    const { proxies, target } = chain()
    let conn
    try {
      conn = await connect({ target, proxies, onHostKey: (id, fp) => void reported.push([id, fp]) })
    } finally {
      net.Socket.prototype.connect = original
    }
    try {
      expect(dialled).toEqual([hosts[0].port])
      const out = collector()
      // SSH_CONNECTION on the target: "client-ip client-port server-ip server-port".
      expect(await conn.exec('echo "$SSH_CONNECTION"; echo from-target', out)).toEqual({ code: 0, signal: null })
      const [line, marker] = out.stdout().trim().split('\n')
      const [clientIp, , serverIp, serverPort] = line.split(' ')
      expect({ clientIp, serverIp, serverPort: Number(serverPort), marker }).toEqual({
        clientIp: '127.0.0.1',
        serverIp: '127.0.0.1',
        serverPort: hosts[3].port,
        marker: 'from-target',
      })
      // Every hop's host key was checked and reported, first hop first.
      expect(reported).toEqual([
        ['proxy-1', hosts[0].hostKeyFingerprint],
        ['proxy-2', hosts[1].hostKeyFingerprint],
        ['proxy-3', hosts[2].hostKeyFingerprint],
        ['target', hosts[3].hostKeyFingerprint],
      ])
      expect(conn.hops.map((h) => [h.label, h.index, h.isTarget, h.port, h.fingerprint])).toEqual([
        ['bastion-1', 0, false, hosts[0].port, hosts[0].hostKeyFingerprint],
        ['bastion-2', 1, false, hosts[1].port, hosts[1].hostKeyFingerprint],
        ['bastion-3', 2, false, hosts[2].port, hosts[2].hostKeyFingerprint],
        ['web-1', 3, true, hosts[3].port, hosts[3].hostKeyFingerprint],
      ])
    } finally {
      await conn.close()
    }
  })

  it('closing the connection closes every hop, down to the TCP connections between the proxies', async () => {
    const ports = hosts.map((h) => h.port)
    expect(ports.map(establishedTo)).toEqual([0, 0, 0, 0])
    const { proxies, target } = chain()
    const conn = await connect({ target, proxies })
    // Fanout → bastion-1, bastion-1 → bastion-2, bastion-2 → bastion-3, bastion-3 → web-1.
    expect(ports.map(establishedTo)).toEqual([1, 1, 1, 1])
    await conn.close()
    expect(conn.isOpen).toBe(false)
    await expect.poll(() => ports.map(establishedTo), { timeout: 3_000 }).toEqual([0, 0, 0, 0])
  })

  it('losing a middle proxy ends the target connection and every other hop', async () => {
    const extra = await startSshd({ authorizedKeys: [key.publicKey] })
    try {
      const { proxies, target } = chain([{}, { port: extra.port }])
      const conn = await connect({ target, proxies })
      let started!: () => void
      const running = failure(conn.exec('echo started; sleep 30', { onStdout: () => started() }))
      await new Promise<void>((resolve) => (started = resolve))
      await extra.restart() // kills its sessions, like the proxy host going down
      const err = await running
      expect(err).toMatchObject({ kind: 'unreachable', hop: { isTarget: true } })
      expect(err.message).toContain('the connection was lost before the command finished')
      await conn.closed
      // Nothing is left open on the surviving hops either.
      const survivors = [hosts[0].port, hosts[2].port, hosts[3].port]
      await expect.poll(() => survivors.map(establishedTo), { timeout: 3_000 }).toEqual([0, 0, 0])
    } finally {
      await extra.stop()
    }
  })
})

describe('failures along the chain', () => {
  it('a middle proxy refusing the credential → proxy_failed naming it, carrying auth_failed', async () => {
    const stranger = generateKeyPair('ed25519')
    const { proxies, target } = chain([{}, { credential: { type: 'key', privateKey: stranger.privateKey } }])
    const err = await failure(connect({ target, proxies }))
    expect(err).toMatchObject({
      kind: 'proxy_failed',
      causeKind: 'auth_failed',
      hop: { id: 'proxy-2', label: 'bastion-2', index: 1, isTarget: false },
    })
    expect(err.message).toMatch(
      new RegExp(`^Proxy bastion-2 \\(127\\.0\\.0\\.1:${hosts[1].port}\\): authentication failed for user fanout-test`),
    )
  })

  it('a proxy password is never in the error', async () => {
    const password = 'proxy-password-that-is-wrong'
    const { proxies, target } = chain([{}, { credential: { type: 'password', password } }])
    const err = await failure(connect({ target, proxies }))
    expect(err).toMatchObject({ kind: 'proxy_failed', causeKind: 'auth_failed', hop: { index: 1 } })
    for (const text of [err.message, String(err), JSON.stringify(err), err.stack ?? '']) {
      expect(text).not.toContain(password)
    }
  })

  it('a proxy that cannot reach the next one → proxy_failed (unreachable) naming the unreachable proxy', async () => {
    const closed = await freePort()
    const { proxies, target } = chain([{}, { port: closed }])
    const err = await failure(connect({ target, proxies }))
    expect(err).toMatchObject({ kind: 'proxy_failed', causeKind: 'unreachable', hop: { label: 'bastion-2', index: 1 } })
    expect(err.message).toBe(
      `Proxy bastion-2 (127.0.0.1:${closed}): unreachable from proxy bastion-1: Connection refused`,
    )
  })

  it('a target behind the proxies that is down → unreachable at the target', async () => {
    const closed = await freePort()
    const { proxies, target } = chain([{}, {}, {}, { port: closed }])
    const err = await failure(connect({ target, proxies }))
    expect(err).toMatchObject({ kind: 'unreachable', hop: { id: 'target', index: 3, isTarget: true } })
    expect(err.message).toContain('unreachable from proxy bastion-3')
  })

  it('a proxy presenting a different host key → proxy_failed (host_key_mismatch) with both fingerprints', async () => {
    const wrong = fingerprintOfPublicKey(generateKeyPair().publicKey)
    const { proxies, target } = chain([{}, {}, { hostKey: { fingerprint: wrong } }])
    const err = await failure(connect({ target, proxies }))
    expect(err).toMatchObject({
      kind: 'proxy_failed',
      causeKind: 'host_key_mismatch',
      hop: { label: 'bastion-3', index: 2 },
      expectedFingerprint: wrong,
      presentedFingerprint: hosts[2].hostKeyFingerprint,
    })
  })

  it('a proxy that forbids TCP forwarding is blamed itself, not the hop behind it', async () => {
    const strict = await startSshd({ authorizedKeys: [key.publicKey] })
    try {
      setSshdOption(strict, 'AllowTcpForwarding', 'no')
      await strict.restart()
      const { proxies, target } = chain([{ port: strict.port }])
      const err = await failure(connect({ target, proxies }))
      expect(err).toMatchObject({ kind: 'proxy_failed', causeKind: 'protocol', hop: { label: 'bastion-1', index: 0 } })
      expect(err.message).toContain('AllowTcpForwarding')
    } finally {
      await strict.stop()
    }
  })

  it('a hop that never answers times out within the per-hop limit, naming the proxy it sits behind', async () => {
    const silent = await startSilentListener()
    try {
      const { proxies, target } = chain([{}, {}, {}, { port: silent.port }])
      const started = Date.now()
      const err = await failure(connect({ target, proxies, connectTimeoutMs: 1_000 }))
      expect(Date.now() - started).toBeLessThan(4_000)
      expect(err).toMatchObject({ kind: 'timeout', hop: { isTarget: true } })
    } finally {
      await silent.close()
    }
  })
})
