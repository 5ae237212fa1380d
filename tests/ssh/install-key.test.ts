import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  authorizedKeysCommand,
  connect,
  generatePlatformKeyPair,
  installKeyWithPassword,
  type SshEndpoint,
  SshError,
} from '@/lib/ssh'
import { acquireLock, collector, endpointFor, setSshdOption } from './helpers'
import { generateKeyPair, type SshHost, startSshd } from '../support/sshd'

// A login user of its own, whose real ~/.ssh/authorized_keys this sshd reads (the harness
// default is a temp file), so the test sees exactly what an admin's host would do. The lock
// keeps two test runs on this machine from sharing that home at the same time.
const USER = 'fanout-keyinst'
let host: SshHost
let home: string
let release: () => void

beforeAll(async () => {
  release = await acquireLock(USER)
  host = await startSshd({ password: true, user: USER })
  setSshdOption(host, 'AuthorizedKeysFile', '.ssh/authorized_keys')
  await host.restart()
  home = `/home/${USER}`
  rmSync(path.join(home, '.ssh'), { recursive: true, force: true })
})

afterAll(async () => {
  await host?.stop()
  if (home) rmSync(path.join(home, '.ssh'), { recursive: true, force: true })
  release?.()
})

function target(): Omit<SshEndpoint, 'credential'> {
  const { credential: _, ...rest } = endpointFor(host, { type: 'password', password: '' }, { label: 'app-1' })
  return rest
}

async function keyLogin(privateKey: string) {
  const conn = await connect({ target: endpointFor(host, { type: 'key', privateKey }) })
  const out = collector()
  await conn.exec('echo key-ok', out)
  await conn.close()
  return out.stdout()
}

describe('installKeyWithPassword', () => {
  it('installs once (idempotent), with ~/.ssh 700 and authorized_keys 600, and then the key logs in', async () => {
    const pair = generatePlatformKeyPair('acme')
    await expect(keyLogin(pair.privateKey)).rejects.toMatchObject({ kind: 'auth_failed' })

    const opts = { target: target(), password: host.password, publicKey: pair.publicKey }
    expect(await installKeyWithPassword(opts)).toEqual({ installed: true })
    expect(await installKeyWithPassword(opts)).toEqual({ installed: false })

    const file = path.join(home, '.ssh', 'authorized_keys')
    expect(readFileSync(file, 'utf8')).toBe(`${pair.publicKey}\n`)
    expect(statSync(path.join(home, '.ssh')).mode & 0o777).toBe(0o700)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(file).uid).toBe(statSync(home).uid)
    expect(await keyLogin(pair.privateKey)).toBe('key-ok\n')
  })

  it('appends after existing keys, repairing a missing final newline', async () => {
    const file = path.join(home, '.ssh', 'authorized_keys')
    const before = readFileSync(file, 'utf8').trimEnd() // no final newline, as hand-edited files often are
    writeFileSync(file, before)
    const pair = generatePlatformKeyPair('other')
    expect(
      await installKeyWithPassword({ target: target(), password: host.password, publicKey: pair.publicKey }),
    ).toEqual({
      installed: true,
    })
    expect(readFileSync(file, 'utf8')).toBe(`${before}\n${pair.publicKey}\n`)
    expect(await keyLogin(pair.privateKey)).toBe('key-ok\n')
  })

  it('treats the key as data: a hostile comment runs nothing and is stored verbatim', async () => {
    const marker = `/tmp/fanout-pwned-${process.pid}`
    const [type, blob] = generateKeyPair().publicKey.split(' ')
    const publicKey = `${type} ${blob} x'; touch ${marker}; echo '$(touch ${marker}) \`touch ${marker}\` "; touch ${marker}`
    expect(await installKeyWithPassword({ target: target(), password: host.password, publicKey })).toEqual({
      installed: true,
    })
    expect(existsSync(marker)).toBe(false)
    expect(readFileSync(path.join(home, '.ssh', 'authorized_keys'), 'utf8').split('\n')).toContain(publicKey)
  })

  it('refuses a wrong password as auth_failed without the password in the error', async () => {
    const password = 'definitely-not-the-password'
    const err = await installKeyWithPassword({
      target: target(),
      password,
      publicKey: generatePlatformKeyPair('x').publicKey,
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SshError)
    expect(err).toMatchObject({ kind: 'auth_failed', hop: { label: 'app-1', isTarget: true } })
    for (const text of [(err as Error).message, String(err), JSON.stringify(err), (err as Error).stack ?? '']) {
      expect(text).not.toContain(password)
    }
  })

  it('the copy-paste command does the same on the host, idempotently', async () => {
    const admin = generatePlatformKeyPair('admin')
    await installKeyWithPassword({ target: target(), password: host.password, publicKey: admin.publicKey })
    const pair = generatePlatformKeyPair('pasted')
    const conn = await connect({ target: endpointFor(host, { type: 'key', privateKey: admin.privateKey }) })
    try {
      for (let i = 0; i < 2; i++) expect((await conn.exec(authorizedKeysCommand(pair.publicKey))).code).toBe(0)
    } finally {
      await conn.close()
    }
    const lines = readFileSync(path.join(home, '.ssh', 'authorized_keys'), 'utf8').split('\n')
    expect(lines.filter((l) => l === pair.publicKey)).toHaveLength(1)
    expect(await keyLogin(pair.privateKey)).toBe('key-ok\n')
  })
})
