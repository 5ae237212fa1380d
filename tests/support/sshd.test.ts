import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Client, type ConnectConfig } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAuthorizedKey, generateKeyPair, type KeyPair, type SshHost, startSshd } from './sshd'

let work: string
let key: KeyPair
let host: SshHost

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'fanout-sshd-test-'))
  key = generateKeyPair()
  host = await startSshd({ authorizedKeys: [key.publicKey], password: true })
})

afterAll(async () => {
  await host?.stop()
  rmSync(work, { recursive: true, force: true })
})

describe('startSshd with the OpenSSH client', () => {
  it('runs a command for an authorized key, as the test user', async () => {
    const res = await openssh(host, { key }, 'echo hi; id -un')
    expect(res).toMatchObject({ code: 0, stdout: `hi\n${host.username}\n` })
  })

  it('refuses a key that is not authorized', async () => {
    const res = await openssh(host, { key: generateKeyPair() }, 'echo hi')
    expect(res.code).toBe(255)
    expect(res.stdout).toBe('')
    expect(res.stderr).toMatch(/Permission denied/)
  })

  it('accepts the password when password login is enabled, and refuses a wrong one', async () => {
    expect(await openssh(host, { password: host.password }, 'echo hi')).toMatchObject({ code: 0, stdout: 'hi\n' })
    expect(await openssh(host, { password: 'wrong' }, 'echo hi')).toMatchObject({ code: 255, stdout: '' })
  })

  it('refuses passwords when password login is disabled', async () => {
    const keyOnly = await startSshd({ authorizedKeys: [key.publicKey] })
    try {
      const res = await openssh(keyOnly, { password: keyOnly.password }, 'echo hi')
      expect(res.code).toBe(255)
      expect(res.stderr).toMatch(/Permission denied \(publickey\)/)
    } finally {
      await keyOnly.stop()
    }
  })

  it('reports the host key fingerprint that the client records', async () => {
    const knownHosts = tempFile('known_hosts')
    await openssh(host, { key, knownHosts }, 'true')
    const listed = await run('ssh-keygen', ['-lf', knownHosts])
    expect(listed.stdout.split(' ')[1]).toBe(host.hostKeyFingerprint)
    expect(host.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
  })

  it('accepts keys added with addAuthorizedKey', async () => {
    const later = generateKeyPair('rsa', '', 'pem')
    expect(later.privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/)
    expect((await openssh(host, { key: later }, 'echo hi')).code).toBe(255)
    addAuthorizedKey(host, later.publicKey)
    expect(await openssh(host, { key: later }, 'echo hi')).toMatchObject({ code: 0, stdout: 'hi\n' })
  })
})

describe('startSshd with the ssh2 client', () => {
  it('logs in with a key and with a password, seeing the reported host key', async () => {
    const seen: string[] = []
    const onHostKey = (k: Buffer) => seen.push(`SHA256:${createHash('sha256').update(k).digest('base64').replace(/=+$/, '')}`)
    for (const auth of [{ privateKey: key.privateKey }, { password: host.password }]) {
      const client = await connect(host, auth, onHostKey)
      expect(await exec(client, 'echo hi')).toEqual({ code: 0, stdout: 'hi\n' })
      client.end()
    }
    expect(seen).toEqual([host.hostKeyFingerprint, host.hostKeyFingerprint])
  })

  it('accepts a passphrase-protected key', async () => {
    const protectedKey = generateKeyPair('ed25519', 'secret phrase')
    addAuthorizedKey(host, protectedKey.publicKey)
    const client = await connect(host, { privateKey: protectedKey.privateKey, passphrase: 'secret phrase' })
    expect(await exec(client, 'echo hi')).toEqual({ code: 0, stdout: 'hi\n' })
    client.end()
  })

  it('serves 20 concurrent connections', async () => {
    const outputs = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const client = await connect(host, { privateKey: key.privateKey })
        try {
          return (await exec(client, `echo ${i}`)).stdout
        } finally {
          client.end()
        }
      }),
    )
    expect(outputs).toEqual(Array.from({ length: 20 }, (_, i) => `${i}\n`))
  })
})

describe('restart and stop', () => {
  it('restart keeps the port and host key and drops open sessions', async () => {
    const h = await startSshd({ authorizedKeys: [key.publicKey] })
    try {
      const knownHosts = tempFile('known_hosts')
      await openssh(h, { key, knownHosts }, 'true')
      const client = await connect(h, { privateKey: key.privateKey })
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
      void exec(client, 'sleep 30').catch(() => {})
      const port = h.port

      await h.restart()

      await closed
      expect(h.port).toBe(port)
      // StrictHostKeyChecking=yes against the known_hosts written before the restart.
      expect(await openssh(h, { key, knownHosts, strict: true }, 'echo again')).toMatchObject({ code: 0, stdout: 'again\n' })
    } finally {
      await h.stop()
    }
  })

  it('restart with keepConnections leaves open sessions working', async () => {
    const h = await startSshd({ authorizedKeys: [key.publicKey] })
    try {
      const client = await connect(h, { privateKey: key.privateKey })
      await h.restart({ keepConnections: true })
      expect(await exec(client, 'echo still here')).toEqual({ code: 0, stdout: 'still here\n' })
      client.end()
      expect((await openssh(h, { key }, 'echo new')).stdout).toBe('new\n')
    } finally {
      await h.stop()
    }
  })

  it('stop closes the port, drops sessions and removes its files', async () => {
    const h = await startSshd({ authorizedKeys: [key.publicKey] })
    const client = await connect(h, { privateKey: key.privateKey })
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
    void exec(client, 'sleep 30').catch(() => {})

    await h.stop()

    await closed
    expect(existsSync(h.dir)).toBe(false)
    await expect(tcpConnect(h.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})

// ---------------------------------------------------------------------------------------

function tempFile(name: string) {
  return path.join(mkdtempSync(path.join(work, 'f-')), name)
}

interface RunResult {
  code: number
  stdout: string
  stderr: string
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** The real OpenSSH client, with no user config, agent or default identities. */
function openssh(h: SshHost, auth: { key?: KeyPair; password?: string; knownHosts?: string; strict?: boolean }, command: string) {
  const args = [
    '-F', '/dev/null',
    '-p', String(h.port),
    '-o', `UserKnownHostsFile=${auth.knownHosts ?? tempFile('known_hosts')}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', `StrictHostKeyChecking=${auth.strict ? 'yes' : 'accept-new'}`,
    '-o', 'ConnectTimeout=10',
    '-o', 'LogLevel=ERROR',
    // The default post-quantum key exchange adds ~120 ms per connection on this machine.
    '-o', 'KexAlgorithms=curve25519-sha256',
  ]
  const env: NodeJS.ProcessEnv = { ...process.env, SSH_AUTH_SOCK: '' }
  if (auth.key) {
    const keyFile = tempFile('id')
    writeFileSync(keyFile, auth.key.privateKey, { mode: 0o600 })
    args.push('-i', keyFile, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes', '-o', 'PasswordAuthentication=no')
  } else if (auth.password !== undefined) {
    // No sshpass here: ssh asks the askpass program for the password instead of a tty.
    const askpass = tempFile('askpass')
    writeFileSync(askpass, `#!/bin/sh\nprintf '%s\\n' '${auth.password}'\n`, { mode: 0o700 })
    Object.assign(env, { SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' })
    args.push('-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password', '-o', 'NumberOfPasswordPrompts=1')
  }
  return run('ssh', [...args, `${h.username}@${h.host}`, command], env)
}

function connect(h: SshHost, auth: Pick<ConnectConfig, 'privateKey' | 'passphrase' | 'password'>, onHostKey?: (key: Buffer) => void) {
  return new Promise<Client>((resolve, reject) => {
    const client = new Client()
    client.once('error', reject)
    client.once('ready', () => {
      client.off('error', reject)
      client.on('error', () => {}) // tests that kill sshd watch 'close' instead
      resolve(client)
    })
    client.connect({
      host: h.host,
      port: h.port,
      username: h.username,
      ...auth,
      readyTimeout: 10_000,
      hostVerifier: (k: Buffer) => {
        onHostKey?.(k)
        return true
      },
    })
  })
}

function exec(client: Client, command: string) {
  return new Promise<{ code: number; stdout: string }>((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) return reject(err)
      let stdout = ''
      stream.on('data', (d: Buffer) => (stdout += d.toString()))
      stream.stderr.resume()
      stream.on('close', (code?: number) => (typeof code === 'number' ? resolve({ code, stdout }) : reject(new Error('session closed without exit status'))))
    })
  })
}

function tcpConnect(port: number) {
  return new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy()
      resolve()
    })
    socket.on('error', reject)
  })
}
