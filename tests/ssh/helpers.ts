// Shared by the lib/ssh integration tests: endpoints for harness hosts, a TCP relay that can
// stall or cut a connection, and a cross-process lock for tests that change a user's home.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { Server, utils } from 'ssh2'
import type { SshCredential, SshEndpoint } from '@/lib/ssh'
import type { SshHost } from '../support/sshd'

let seq = 0

export function endpointFor(
  host: Pick<SshHost, 'host' | 'port' | 'username'>,
  credential: SshCredential,
  overrides: Partial<SshEndpoint> = {},
): SshEndpoint {
  const n = ++seq
  return {
    id: `ep-${n}`,
    label: `host-${n}`,
    host: host.host,
    port: host.port,
    username: host.username,
    credential,
    hostKey: { fingerprint: null },
    ...overrides,
  }
}

/** Collects everything a command printed. */
export function collector() {
  const out: Buffer[] = []
  const err: Buffer[] = []
  return {
    onStdout: (c: Buffer) => out.push(c),
    onStderr: (c: Buffer) => err.push(c),
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => Buffer.concat(err).toString('utf8'),
  }
}

/** A TCP listener that accepts connections and never says a word. */
export async function startSilentListener() {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((s) => {
    sockets.add(s)
    s.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      sockets.forEach((s) => s.destroy())
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * An ssh2 server that only offers keyboard-interactive (like OpenSSH with PAM and
 * PasswordAuthentication no) and answers every exec with '<user> via keyboard-interactive'.
 */
export async function startKeyboardInteractiveServer(password: string) {
  const hostKey = utils.generateKeyPairSync('ed25519').private
  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    let user = ''
    client.on('error', () => {})
    client.on('authentication', (ctx) => {
      user = ctx.username
      if (ctx.method !== 'keyboard-interactive') return ctx.reject(['keyboard-interactive'])
      ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) =>
        answers[0] === password ? ctx.accept() : ctx.reject(['keyboard-interactive']),
      )
    })
    client.on('ready', () => {
      client.on('session', (accept) => {
        accept().once('exec', (acceptExec) => {
          const stream = acceptExec()
          stream.write(`${user} via keyboard-interactive\n`)
          stream.exit(0)
          stream.end()
        })
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Rewrites one directive of a harness sshd's config (it is re-read on restart()). */
export function setSshdOption(host: SshHost, directive: string, value: string) {
  const file = path.join(host.dir, 'sshd_config')
  const lines = readFileSync(file, 'utf8').split('\n')
  const rest = lines.filter((l) => !l.startsWith(`${directive} `))
  writeFileSync(file, [`${directive} ${value}`, ...rest].join('\n'))
}

/** Gives a harness sshd a brand-new host key (restart() to serve it); returns its public line. */
export function replaceHostKey(host: SshHost): string {
  const file = path.join(host.dir, 'host_ed25519')
  rmSync(file, { force: true })
  rmSync(`${file}.pub`, { force: true })
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', file], { stdio: 'pipe' })
  return readFileSync(`${file}.pub`, 'utf8').trim()
}

/**
 * An exclusive lock across test processes (two suites running at once must not share a
 * login user's ~/.ssh); resolves to its release function. A dead owner's lock is taken over.
 */
export async function acquireLock(name: string): Promise<() => void> {
  const dir = `/tmp/${name}.lock`
  const pidFile = path.join(dir, 'pid')
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(dir)
      writeFileSync(pidFile, String(process.pid))
      return () => rmSync(dir, { recursive: true, force: true })
    } catch {
      let owner = 0
      try {
        owner = Number(readFileSync(pidFile, 'utf8'))
      } catch {
        // being created or removed right now
      }
      if (owner && !alive(owner)) rmSync(dir, { recursive: true, force: true })
      if (attempt > 600) throw new Error(`lock ${dir} is held by process ${owner}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

function alive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
