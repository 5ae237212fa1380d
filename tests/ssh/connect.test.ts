import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, inspectPrivateKey, type SshCredential, SshError } from '@/lib/ssh'
import { startTcpProxy } from '../support/tcp-proxy'
import { collector, endpointFor, startKeyboardInteractiveServer, startSilentListener } from './helpers'
import { addAuthorizedKey, freePort, generateKeyPair, type KeyPair, type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let ed25519: KeyPair
let rsa: KeyPair // one RSA key for the file: generating one costs ~0.5 s

beforeAll(async () => {
  ed25519 = generateKeyPair('ed25519')
  rsa = generateKeyPair('rsa', '', 'pem')
  host = await startSshd({ authorizedKeys: [ed25519.publicKey, rsa.publicKey], password: true })
})

afterAll(async () => {
  await host?.stop()
})

async function runOnce(credential: SshCredential, command = 'echo hi; id -un') {
  const conn = await connect({ target: endpointFor(host, credential) })
  try {
    const out = collector()
    const result = await conn.exec(command, out)
    return { ...result, stdout: out.stdout(), stderr: out.stderr() }
  } finally {
    await conn.close()
  }
}

async function failure(promise: Promise<unknown>): Promise<SshError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(SshError)
  return err as SshError
}

describe('key and password login', () => {
  it('logs in with an ed25519 key in OpenSSH format', async () => {
    expect(await runOnce({ type: 'key', privateKey: ed25519.privateKey })).toEqual({
      code: 0,
      signal: null,
      stdout: `hi\n${host.username}\n`,
      stderr: '',
    })
  })

  it('logs in with RSA PEM keys and passphrase-protected keys', async () => {
    const encryptedRsa = createPrivateKey(rsa.privateKey)
      .export({ type: 'pkcs1', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'rsa pass phrase' })
      .toString()
    const protectedEd = generateKeyPair('ed25519', 'ed pass phrase')
    addAuthorizedKey(host, protectedEd.publicKey)
    const keys = [
      { privateKey: rsa.privateKey, passphrase: undefined },
      { privateKey: encryptedRsa, passphrase: 'rsa pass phrase' },
      { privateKey: protectedEd.privateKey, passphrase: 'ed pass phrase' },
    ]
    expect(keys[0].privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/)
    expect(keys[1].privateKey).toContain('Proc-Type: 4,ENCRYPTED')
    expect(keys[2].privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/)
    for (const { privateKey, passphrase } of keys) {
      const res = await runOnce({ type: 'key', privateKey, passphrase }, 'echo ok')
      expect(res.stdout).toBe('ok\n')
    }
  })

  it('logs in with PKCS#8 keys (openssl default), which ssh2 cannot read by itself', async () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const encryptedRsa = createPrivateKey(rsa.privateKey)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pkcs8 phrase' })
      .toString()
    expect(ed).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    expect(encryptedRsa).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/)
    addAuthorizedKey(host, inspectPrivateKey(ed).publicKey)
    for (const [privateKey, passphrase] of [
      [ed, undefined],
      [encryptedRsa, 'pkcs8 phrase'],
    ]) {
      expect((await runOnce({ type: 'key', privateKey: privateKey!, passphrase }, 'echo pk8')).stdout).toBe('pk8\n')
    }
  })

  it('logs in with a password', async () => {
    const res = await runOnce({ type: 'password', password: host.password })
    expect(res.stdout).toBe(`hi\n${host.username}\n`)
  })

  it('answers keyboard-interactive with the password when the server offers only that', async () => {
    const server = await startKeyboardInteractiveServer('kbd-secret-pw')
    try {
      const target = endpointFor(
        { host: '127.0.0.1', port: server.port, username: 'ops' },
        {
          type: 'password',
          password: 'kbd-secret-pw',
        },
      )
      const conn = await connect({ target })
      const out = collector()
      expect(await conn.exec('whoami', out)).toEqual({ code: 0, signal: null })
      expect(out.stdout()).toBe('ops via keyboard-interactive\n')
      await conn.close()

      const wrong = { ...target, credential: { type: 'password' as const, password: 'not-the-kbd-pw' } }
      const err = await failure(connect({ target: wrong }))
      expect(err.kind).toBe('auth_failed')
      expect(err.message).toContain('the server accepts keyboard-interactive')
    } finally {
      await server.close()
    }
  })
})

describe('failures are classified, located and never leak a secret', () => {
  it('a key the host does not accept → auth_failed naming the user and the methods', async () => {
    const stranger = generateKeyPair('ed25519')
    const target = endpointFor(host, { type: 'key', privateKey: stranger.privateKey }, { label: 'web-1' })
    const err = await failure(connect({ target }))
    expect(err).toMatchObject({
      kind: 'auth_failed',
      causeKind: 'auth_failed',
      hop: { id: target.id, index: 0, isTarget: true },
    })
    expect(err.message).toBe(
      `Target web-1 (127.0.0.1:${host.port}): authentication failed for user ${host.username} with the configured ssh-ed25519 key; the server accepts publickey, password`,
    )
  })

  it('a wrong password → auth_failed; the password is in no message, string or JSON', async () => {
    const password = 'Tr0ub4dor&3-wrong-password'
    const err = await failure(connect({ target: endpointFor(host, { type: 'password', password }) }))
    expect(err.kind).toBe('auth_failed')
    for (const text of [err.message, String(err), JSON.stringify(err), err.stack ?? '']) {
      expect(text).not.toContain(password)
    }
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ name: 'SshError', kind: 'auth_failed' })
  })

  it('a wrong or missing passphrase → auth_failed saying so, leaking neither passphrase nor key', async () => {
    const real = 'the real passphrase'
    const pair = generateKeyPair('ed25519', real)
    addAuthorizedKey(host, pair.publicKey)
    for (const passphrase of ['a wrong passphrase', undefined]) {
      const err = await failure(
        connect({ target: endpointFor(host, { type: 'key', privateKey: pair.privateKey, passphrase }) }),
      )
      expect(err.kind).toBe('auth_failed')
      expect(err.message).toMatch(passphrase ? /wrong passphrase/ : /a passphrase is needed/)
      const keyLines = pair.privateKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))
      for (const text of [err.message, String(err), JSON.stringify(err), err.stack ?? '']) {
        for (const secret of [real, 'a wrong passphrase', ...keyLines]) expect(text).not.toContain(secret)
      }
    }
  })

  it('a closed port → unreachable, at once', async () => {
    const port = await freePort()
    const started = Date.now()
    const err = await failure(
      connect({ target: endpointFor({ ...host, port }, { type: 'password', password: 'x' }, { label: 'gone' }) }),
    )
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(err).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' })
    expect(err.message).toBe(`Target gone (127.0.0.1:${port}): connection refused (nothing listens on that port)`)
  })

  it('a listener that accepts and never speaks → timeout within connectTimeoutMs', async () => {
    const silent = await startSilentListener()
    try {
      const started = Date.now()
      const target = endpointFor({ ...host, port: silent.port }, { type: 'key', privateKey: ed25519.privateKey })
      const err = await failure(connect({ target, connectTimeoutMs: 1_000 }))
      const elapsed = Date.now() - started
      expect(elapsed).toBeGreaterThanOrEqual(990)
      expect(elapsed).toBeLessThan(3_000)
      expect(err.kind).toBe('timeout')
      expect(err.message).toContain('the TCP connection opened but the SSH handshake did not complete within 1 s')
    } finally {
      await silent.close()
    }
  })

  it('something that is not an SSH server → protocol', async () => {
    const net = await import('node:net')
    const server = net.createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const port = (server.address() as { port: number }).port
      const err = await failure(
        connect({ target: endpointFor({ ...host, port }, { type: 'password', password: 'pw-1234' }) }),
      )
      expect(err.kind).toBe('protocol')
    } finally {
      server.close()
    }
  })

  it('an aborted signal stops connecting with its reason', async () => {
    const silent = await startSilentListener()
    try {
      const controller = new AbortController()
      setTimeout(() => controller.abort(new Error('cancelled by user')), 100)
      const target = endpointFor({ ...host, port: silent.port }, { type: 'password', password: 'pw-1234' })
      await expect(connect({ target, signal: controller.signal })).rejects.toThrow('cancelled by user')
    } finally {
      await silent.close()
    }
  })
})

describe('exec', () => {
  let conn: Awaited<ReturnType<typeof connect>>
  beforeAll(async () => {
    conn = await connect({ target: endpointFor(host, { type: 'key', privateKey: ed25519.privateKey }) })
  })
  afterAll(async () => {
    await conn?.close()
  })

  it('streams stdout and stderr apart and returns the exit code', async () => {
    const out = collector()
    const res = await conn.exec('echo out; echo err >&2; printf "no newline"; exit 3', out)
    expect(res).toEqual({ code: 3, signal: null })
    expect(out.stdout()).toBe('out\nno newline')
    expect(out.stderr()).toBe('err\n')
  })

  it('feeds stdin (string or bytes) and closes it; without stdin a reader sees EOF', async () => {
    const out = collector()
    await conn.exec('cat; echo "[done]"', { ...out, stdin: 'line 1\nline 2\n' })
    expect(out.stdout()).toBe('line 1\nline 2\n[done]\n')
    const bytes = Buffer.from([0, 1, 2, 255, 10])
    const bin = collector()
    await conn.exec('od -An -tu1', { ...bin, stdin: bytes })
    expect(bin.stdout().trim().split(/\s+/)).toEqual(['0', '1', '2', '255', '10'])
    const none = collector()
    expect(await conn.exec('cat; echo eof', none)).toEqual({ code: 0, signal: null })
    expect(none.stdout()).toBe('eof\n')
  })

  it('reports a command killed by a signal', async () => {
    expect(await conn.exec('kill -9 $$')).toEqual({ code: null, signal: 'SIGKILL' })
  })

  it('runs 100 commands over one connection, 20 at a time', async () => {
    const outputs: string[] = []
    for (let batch = 0; batch < 5; batch++) {
      const results = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const out = collector()
          await conn.exec(`echo ${batch * 20 + i}`, out)
          return out.stdout().trim()
        }),
      )
      outputs.push(...results)
    }
    expect(outputs).toEqual(Array.from({ length: 100 }, (_, i) => String(i)))
  })

  it('an aborted exec rejects at once with the signal reason', async () => {
    const controller = new AbortController()
    const started = Date.now()
    setTimeout(() => controller.abort(new Error('run cancelled')), 100)
    await expect(conn.exec('sleep 30', { signal: controller.signal })).rejects.toThrow('run cancelled')
    expect(Date.now() - started).toBeLessThan(3_000)
    expect((await runOnce({ type: 'key', privateKey: ed25519.privateKey }, 'echo still fine')).stdout).toBe(
      'still fine\n',
    )
  })
})

describe('a connection that goes away', () => {
  it('a host going down mid-command rejects the exec as unreachable and closes the connection', async () => {
    const relay = await startTcpProxy(host.port)
    try {
      const conn = await connect({
        target: endpointFor({ ...host, port: relay.port }, { type: 'key', privateKey: ed25519.privateKey }),
      })
      const running = conn.exec('sleep 30')
      setTimeout(() => relay.cut(), 100)
      const err = await failure(running)
      expect(err.kind).toBe('unreachable')
      expect(err.message).toContain('the connection was lost before the command finished')
      await conn.closed
      expect(conn.isOpen).toBe(false)
      await expect(conn.exec('true')).rejects.toBeInstanceOf(SshError)
    } finally {
      await relay.close()
    }
  })

  it('keep-alives detect a network that stopped answering → timeout', async () => {
    const relay = await startTcpProxy(host.port)
    try {
      const target = endpointFor({ ...host, port: relay.port }, { type: 'key', privateKey: ed25519.privateKey })
      const conn = await connect({ target, keepaliveIntervalMs: 100, keepaliveCountMax: 2 })
      const running = conn.exec('sleep 30')
      relay.stall()
      const started = Date.now()
      const err = await failure(running)
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(err.kind).toBe('timeout')
      expect(err.message).toContain('no answer to keep-alives')
    } finally {
      await relay.close()
    }
  })
})
