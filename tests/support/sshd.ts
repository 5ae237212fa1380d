// A real OpenSSH sshd on 127.0.0.1 for integration tests: its own host key, authorized
// keys file and port per instance, logging in as a dedicated light-weight user. It can also
// run inside a network namespace on one of that namespace's addresses (tests/support/netns.ts).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { collectTail, freePort, sleep, sweepStaleDirs } from './processes'
export { freePort } from './processes'

export const TEST_USER = 'fanout-test'
export const TEST_PASSWORD = 'fanout-test-password'

const SSHD = '/usr/sbin/sshd'
const READY_TIMEOUT_MS = 5_000
const POLL_MS = 5

export interface SshHost {
  /** '127.0.0.1', or the listenAddress it was started with. */
  host: string
  port: number
  username: string
  password: string
  /** 'SHA256:…', as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint: string
  /** 'ssh-ed25519 AAAA…', one line of a known_hosts file without the host name. */
  hostPublicKey: string
  /** Temp dir with the config, host key and authorized_keys; removed by stop(). */
  dir: string
  authorizedKeysFile: string
  /** Kills sshd and every session it serves (like the host going down), removes dir. */
  stop(): Promise<void>
  /**
   * Starts sshd again on the same port with the same host key. Open sessions are killed
   * too unless keepConnections is set (then only the listener restarts, like `systemctl
   * restart ssh`).
   */
  restart(opts?: { keepConnections?: boolean }): Promise<void>
}

export interface StartSshdOptions {
  authorizedKeys?: string[]
  /** Allow password authentication (default false). */
  password?: boolean
  user?: string
  /** The address sshd listens on (default 127.0.0.1). */
  listenAddress?: string
  /** A fixed port (default: a free one; 22 inside a network namespace). */
  port?: number
  /**
   * Run sshd inside this network namespace (`ip netns exec`): listenAddress must be one of
   * the namespace's addresses. Readiness is then the PidFile alone (the root namespace may
   * not reach the address to read the banner).
   */
  netns?: string
}

export interface KeyPair {
  privateKey: string
  publicKey: string
}

// ---------------------------------------------------------------------------------------
// Login user

const users = new Map<string, Promise<TestUser>>()

export interface TestUser {
  username: string
  password: string
  home: string
}

/** Creates the login user once (idempotent across processes): /bin/sh, empty home, known password. */
export function ensureTestUser(name = TEST_USER): Promise<TestUser> {
  let user = users.get(name)
  if (!user) {
    user = Promise.resolve().then(() => createUser(name))
    users.set(name, user)
    user.catch(() => users.delete(name))
  }
  return user
}

function createUser(name: string): TestUser {
  if (process.getuid?.() !== 0) throw new Error('tests/support/sshd: must run as root to create the SSH login user')
  const home = `/home/${name}`
  if (!passwdEntry(name)) {
    // -M: no /etc/skel copy, so no shell rc files that slow every login down.
    // Exit code 9 means another test process created the user first.
    retryOnLock(() => execFileSync('useradd', ['-M', '-d', home, '-s', '/bin/sh', name], { stdio: 'pipe' }), [9])
  }
  const entry = passwdEntry(name)
  if (!entry) throw new Error(`useradd did not create ${name}`)
  if (!existsSync(home)) {
    mkdirSync(home, { recursive: true, mode: 0o755 })
    chownSync(home, entry.uid, entry.gid)
  }
  setPassword(name, TEST_PASSWORD)
  return { username: name, password: TEST_PASSWORD, home }
}

/** A new temp directory (in parent) the login user owns: scripts on the test hosts write there, tests read it. */
export async function loginUserDir(prefix: string, parent = tmpdir()): Promise<string> {
  const { username } = await ensureTestUser()
  const { uid, gid } = passwdEntry(username)!
  const dir = mkdtempSync(path.join(parent, prefix))
  chownSync(dir, uid, gid)
  return dir
}

function passwdEntry(name: string): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`))
  if (!line) return undefined
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

// A fixed salt makes the hash deterministic, so an already-set password is detected and
// parallel test processes do not fight over the /etc/shadow lock.
function setPassword(name: string, password: string) {
  const hash = execFileSync('openssl', ['passwd', '-6', '-salt', 'fanouttest', password], { encoding: 'utf8' }).trim()
  const current = readFileSync('/etc/shadow', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`))
    ?.split(':')[1]
  if (current === hash) return
  retryOnLock(() => execFileSync('chpasswd', ['-e'], { input: `${name}:${hash}\n`, stdio: ['pipe', 'pipe', 'pipe'] }), [])
}

// useradd/chpasswd fail rather than wait when another process holds /etc/passwd's lock.
function retryOnLock(run: () => void, okExitCodes: number[]) {
  for (let attempt = 0; ; attempt++) {
    try {
      run()
      return
    } catch (err) {
      const status = (err as { status?: number }).status
      if (status !== undefined && okExitCodes.includes(status)) return
      const stderr = String((err as { stderr?: unknown }).stderr ?? '')
      if (attempt >= 50 || !/lock/i.test(stderr)) throw err
      execFileSync('sleep', ['0.05'])
    }
  }
}

// ---------------------------------------------------------------------------------------
// Keys

/** A fresh key pair from ssh-keygen. 'pem' writes RSA keys as PKCS#1 (ed25519 stays OpenSSH). */
export function generateKeyPair(type: 'ed25519' | 'rsa' = 'ed25519', passphrase = '', format: 'openssh' | 'pem' = 'openssh'): KeyPair {
  const dir = mkdtempSync(path.join(tmpdir(), 'fanout-key-'))
  try {
    const file = path.join(dir, 'key')
    const args = ['-q', '-t', type, '-N', passphrase, '-C', 'fanout-test', '-f', file]
    if (type === 'rsa') args.push('-b', '2048')
    if (format === 'pem') args.push('-m', 'PEM')
    execFileSync('ssh-keygen', args, { stdio: 'pipe' })
    return { privateKey: readFileSync(file, 'utf8'), publicKey: readFileSync(`${file}.pub`, 'utf8').trim() }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** 'SHA256:…' of an OpenSSH public key line, as ssh-keygen -l and ssh clients print it. */
export function fingerprintOf(publicKeyLine: string): string {
  const blob = Buffer.from(publicKeyLine.trim().split(/\s+/)[1] ?? '', 'base64')
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`
}

export function addAuthorizedKey(host: Pick<SshHost, 'authorizedKeysFile'>, publicKey: string) {
  appendFileSync(host.authorizedKeysFile, `${publicKey.trim()}\n`)
}

// ---------------------------------------------------------------------------------------
// sshd

export async function startSshd(opts: StartSshdOptions = {}): Promise<SshHost> {
  const user = await ensureTestUser(opts.user)
  // Privilege separation dir; /run is a tmpfs, so it is gone after a reboot.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
  sweepStaleDirs('fanout-sshd-')
  const dir = mkdtempSync(path.join(tmpdir(), `fanout-sshd-${process.pid}-`))
  tracked.dirs.add(dir)
  // sshd reads authorized_keys with the login user's uid, so the dir must be traversable.
  chmodSync(dir, 0o755)
  const hostKey = path.join(dir, 'host_ed25519')
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', hostKey], { stdio: 'pipe' })
  const hostPublicKey = readFileSync(`${hostKey}.pub`, 'utf8').trim()
  const authorizedKeysFile = path.join(dir, 'authorized_keys')
  writeFileSync(authorizedKeysFile, (opts.authorizedKeys ?? []).map((k) => `${k.trim()}\n`).join(''), { mode: 0o644 })
  const config = path.join(dir, 'sshd_config')
  const listenAddress = opts.listenAddress ?? '127.0.0.1'
  writeFileSync(config, sshdConfig({ dir, hostKey, authorizedKeysFile, password: opts.password ?? false, user: user.username, listenAddress }))
  const where: Where = { address: listenAddress, netns: opts.netns }
  const fixedPort = opts.port ?? (opts.netns ? 22 : undefined)

  let proc: Listener
  try {
    proc = fixedPort === undefined ? await listenOnFreePort(config, dir, where) : await listenOnPort(config, dir, where, fixedPort, { retryBusyForMs: 0 })
  } catch (err) {
    forgetDir(dir)
    throw err
  }
  const port = proc.port

  const host: SshHost = {
    host: listenAddress,
    port,
    username: user.username,
    password: user.password,
    hostKeyFingerprint: fingerprintOf(hostPublicKey),
    hostPublicKey,
    dir,
    authorizedKeysFile,
    async stop() {
      await killListener(proc.child, { sessions: true })
      forgetDir(dir)
    },
    async restart(restartOpts = {}) {
      await killListener(proc.child, { sessions: !restartOpts.keepConnections })
      proc = await listenOnPort(config, dir, where, port, { retryBusyForMs: 2_000 })
    },
  }
  return host
}

function sshdConfig(o: { dir: string; hostKey: string; authorizedKeysFile: string; password: boolean; user: string; listenAddress: string }) {
  return [
    `ListenAddress ${o.listenAddress}`,
    `HostKey ${o.hostKey}`,
    `PidFile ${path.join(o.dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${o.authorizedKeysFile}`,
    `AllowUsers ${o.user}`,
    'StrictModes no',
    'UsePAM no',
    'PubkeyAuthentication yes',
    `PasswordAuthentication ${o.password ? 'yes' : 'no'}`,
    'KbdInteractiveAuthentication no',
    'PermitRootLogin no',
    // The defaults refuse most of a burst of parallel handshakes.
    'MaxStartups 2000:30:2000',
    'MaxSessions 1000',
    'LogLevel ERROR',
    'PrintMotd no',
    'PrintLastLog no',
    'UseDNS no',
    'AllowTcpForwarding yes',
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n')
}

interface Listener {
  child: ChildProcess
  port: number
}

/** Where sshd listens: an address, in the root namespace or in a named network namespace. */
interface Where {
  address: string
  netns?: string
}

async function listenOnFreePort(config: string, dir: string, where: Where): Promise<Listener> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await listenOnPort(config, dir, where, await freePort(), { retryBusyForMs: 0 })
    } catch (err) {
      if (!(err instanceof PortBusyError) || attempt >= 10) throw err
    }
  }
}

class PortBusyError extends Error {}

async function listenOnPort(config: string, dir: string, where: Where, port: number, opts: { retryBusyForMs: number }): Promise<Listener> {
  const deadline = Date.now() + opts.retryBusyForMs
  for (;;) {
    try {
      return await spawnSshd(config, dir, where, port)
    } catch (err) {
      if (!(err instanceof PortBusyError) || Date.now() >= deadline) throw err
      await sleep(50)
    }
  }
}

async function spawnSshd(config: string, dir: string, where: Where, port: number): Promise<Listener> {
  const pidFile = path.join(dir, 'sshd.pid')
  rmSync(pidFile, { force: true })
  // setpriv --pdeathsig: sshd dies with the test process even if that is killed outright.
  // `ip netns exec` enters the namespace and execs sshd (no fork), so the pid stays sshd's.
  const sshd = [SSHD, '-D', '-e', '-f', config, '-p', String(port)]
  const child = spawn('setpriv', ['--pdeathsig', 'SIGTERM', ...(where.netns ? ['ip', 'netns', 'exec', where.netns] : []), ...sshd], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  tracked.children.add(child)
  child.once('exit', () => tracked.children.delete(child))
  const stderr = collectTail(child)

  const deadline = Date.now() + READY_TIMEOUT_MS
  const place = `${where.address}:${port}${where.netns ? ` in network namespace ${where.netns}` : ''}`
  const failure = () => `sshd on ${place} (${config}) did not start: ${stderr().trim() || '(no output)'}`
  // sshd writes its PidFile only after it bound the listening socket.
  while (readPid(pidFile) !== child.pid) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const msg = failure()
      throw /Address already in use/.test(msg) ? new PortBusyError(msg) : new Error(msg)
    }
    if (Date.now() > deadline) {
      await killTree(child)
      throw new Error(`${failure()} (timed out after ${READY_TIMEOUT_MS} ms)`)
    }
    await sleep(POLL_MS)
  }
  if (where.netns) return { child, port }
  const banner = await readBanner(where.address, port).catch((err: Error) => err.message)
  if (!banner.startsWith('SSH-2.0')) {
    await killTree(child)
    throw new Error(`${failure()} (banner: ${banner})`)
  }
  return { child, port }
}

function readPid(file: string): number | undefined {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || undefined
  } catch {
    return undefined
  }
}

function readBanner(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port })
    let data = ''
    socket.setTimeout(READY_TIMEOUT_MS, () => socket.destroy(new Error('no banner before timeout')))
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1')
      if (data.includes('\n')) {
        socket.destroy()
        resolve(data.trim())
      }
    })
    socket.on('error', reject)
    socket.on('close', () => resolve(data.trim()))
  })
}

async function killListener(child: ChildProcess, opts: { sessions: boolean }) {
  if (opts.sessions) return killTree(child)
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    await exited
  }
}

// ---------------------------------------------------------------------------------------
// Processes and temp dirs, cleaned up when the test process exits

const tracked = { children: new Set<ChildProcess>(), dirs: new Set<string>() }

process.once('exit', () => {
  for (const child of tracked.children) killTreeSync(child.pid)
  for (const dir of tracked.dirs) rmSync(dir, { recursive: true, force: true })
})

function forgetDir(dir: string) {
  rmSync(dir, { recursive: true, force: true })
  tracked.dirs.delete(dir)
}

// Per-connection sshd processes call setsid(), so killing the listener's process group
// would leave them running: find the whole tree by parent pid instead.
async function killTree(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  killTreeSync(child.pid)
  await exited
}

function killTreeSync(pid: number | undefined) {
  if (!pid) return
  signal(pid, 'SIGSTOP') // no new connections while the tree is collected
  const pids = [pid, ...descendantsOf(pid)]
  for (const p of pids) signal(p, 'SIGKILL')
}

function signal(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(pid, sig)
  } catch {
    // already gone
  }
}

function descendantsOf(root: number): number[] {
  const childrenOf = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue
    }
    // Fields after "(comm)": state ppid …; comm itself may contain spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    const list = childrenOf.get(ppid) ?? []
    list.push(Number(entry))
    childrenOf.set(ppid, list)
  }
  const result: number[] = []
  const queue = [root]
  while (queue.length) {
    for (const c of childrenOf.get(queue.shift()!) ?? []) {
      result.push(c)
      queue.push(c)
    }
  }
  return result
}
