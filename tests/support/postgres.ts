// A real PostgreSQL 15 cluster in a temp dir for integration tests: loopback only, trust
// auth for the superuser `fanout`, fsync off for speed. It can be stopped
// and started again mid-test (same port, same data) to simulate a database outage.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { appendFileSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { collectTail, freePort, sleep, sweepStaleDirs } from './processes'

// The newest server the Debian packages installed (15 on bookworm).
const BIN = `/usr/lib/postgresql/${
  readdirSync('/usr/lib/postgresql')
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))[0] ?? '15'
}/bin`
const SUPERUSER = 'fanout'
const READY_TIMEOUT_MS = 15_000
const POLL_MS = 10

export interface PgCluster {
  /** postgresql://fanout@127.0.0.1:PORT/postgres */
  url: string
  port: number
  /** Temp dir holding the data directory (`data/`) and the unix socket. */
  dir: string
  /** Creates an empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>
  /**
   * Stops the server; 'fast' (default) disconnects clients cleanly, 'immediate' is a crash
   * (recovery runs on the next start).
   */
  stop(opts?: { mode?: 'fast' | 'immediate' }): Promise<void>
  /** Starts the server again after stop(): same port, same data. No-op if running. */
  start(): Promise<void>
  /** Stops the server and removes the temp dir. */
  destroy(): Promise<void>
}

export async function startPostgres(): Promise<PgCluster> {
  sweepStaleDirs('fanout-pg-')
  const dir = mkdtempSync(path.join(tmpdir(), `fanout-pg-${process.pid}-`))
  tracked.dirs.add(dir)
  const owner = clusterOwner()
  if (owner) chownSync(dir, owner.uid, owner.gid)
  const dataDir = path.join(dir, 'data')

  let server: ChildProcess | undefined
  let port: number
  try {
    await runAs(owner, `${BIN}/initdb`, [
      '-D',
      dataDir,
      '--no-sync',
      '-A',
      'trust',
      '-U',
      SUPERUSER,
      '-E',
      'UTF8',
      '--locale=C',
      '--no-instructions',
    ])
    appendFileSync(dataDir + '/postgresql.conf', serverConfig(dir))
    ;({ server, port } = await startOnFreePort(dataDir, owner))
  } catch (err) {
    removeDir(dir)
    throw err
  }

  const url = `postgresql://${SUPERUSER}@127.0.0.1:${port}/postgres`
  const running = () => server !== undefined && server.exitCode === null && server.signalCode === null

  const cluster: PgCluster = {
    url,
    port,
    dir,
    async createDatabase(name = `test_${randomBytes(6).toString('hex')}`) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name: ${name}`)
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE "${name}"`)
      } finally {
        await client.end()
      }
      return withDatabase(url, name)
    },
    async stop({ mode = 'fast' } = {}) {
      if (!server || !running()) return
      const exited = once(server, 'exit')
      server.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT')
      await exited
    },
    async start() {
      if (running()) return
      server = await startServer(dataDir, owner, port, { retryBusyForMs: 5_000 })
    },
    async destroy() {
      await cluster.stop({ mode: 'immediate' })
      removeDir(dir)
    },
  }
  return cluster
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string) {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

function serverConfig(dir: string) {
  return [
    '',
    '# tests/support/postgres.ts',
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    // Only an OS crash could lose data with these off, and tests do not survive one anyway.
    'fsync = off',
    'full_page_writes = off',
    // synchronous_commit stays on: with fsync off it costs nothing measurable, and without
    // it an immediate stop (a simulated crash) loses commits the client saw succeed.
    // Many test files, each with its own pool, share this one server.
    'max_connections = 300',
    'log_min_messages = warning',
    '',
  ].join('\n')
}

// ---------------------------------------------------------------------------------------
// Server process

type Owner = { uid: number; gid: number } | undefined

// initdb and postgres refuse to run as root: as root, the cluster belongs to `postgres`.
function clusterOwner(): Owner {
  if (process.getuid?.() !== 0) return undefined
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'))
  if (!line) throw new Error('tests/support/postgres: running as root needs a `postgres` user to own the cluster')
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

async function runAs(owner: Owner, file: string, args: string[]) {
  try {
    await promisify(execFile)(file, args, { ...owner, cwd: tmpdir() })
  } catch (err) {
    const e = err as { stderr?: string; message: string }
    throw new Error(`${path.basename(file)} failed: ${e.stderr?.trim() || e.message}`)
  }
}

class PortBusyError extends Error {}

async function startOnFreePort(dataDir: string, owner: Owner) {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort()
    try {
      return { server: await startServer(dataDir, owner, port, { retryBusyForMs: 0 }), port }
    } catch (err) {
      if (!(err instanceof PortBusyError) || attempt >= 10) throw err
    }
  }
}

async function startServer(dataDir: string, owner: Owner, port: number, opts: { retryBusyForMs: number }) {
  const deadline = Date.now() + opts.retryBusyForMs
  for (;;) {
    try {
      return await spawnServer(dataDir, owner, port)
    } catch (err) {
      if (!(err instanceof PortBusyError) || Date.now() >= deadline) throw err
      await sleep(100)
    }
  }
}

async function spawnServer(dataDir: string, owner: Owner, port: number): Promise<ChildProcess> {
  // setpriv --pdeathsig: the postmaster shuts down (immediately) with the test process
  // even if that is killed outright.
  const child = spawn('setpriv', ['--pdeathsig', 'SIGQUIT', `${BIN}/postgres`, '-D', dataDir, '-p', String(port)], {
    ...owner,
    cwd: dataDir,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  tracked.children.add(child)
  child.once('exit', () => tracked.children.delete(child))
  const stderr = collectTail(child)

  const deadline = Date.now() + READY_TIMEOUT_MS
  const failure = () => `postgres on 127.0.0.1:${port} (${dataDir}) did not start: ${stderr().trim() || '(no output)'}`
  while (!isReady(dataDir, child.pid)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const msg = failure()
      throw /could not bind|Address already in use/.test(msg) ? new PortBusyError(msg) : new Error(msg)
    }
    if (Date.now() > deadline) {
      child.kill('SIGQUIT')
      throw new Error(`${failure()} (timed out after ${READY_TIMEOUT_MS} ms)`)
    }
    await sleep(POLL_MS)
  }
  return child
}

// postmaster.pid: line 1 is the pid, line 8 the status, "ready" once connections are accepted.
function isReady(dataDir: string, pid: number | undefined) {
  try {
    const lines = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')
    return Number(lines[0]) === pid && lines[7]?.trim() === 'ready'
  } catch {
    return false
  }
}

// ---------------------------------------------------------------------------------------
// Processes and temp dirs, cleaned up when the test process exits

const tracked = { children: new Set<ChildProcess>(), dirs: new Set<string>() }

process.once('exit', () => {
  for (const child of tracked.children) child.kill('SIGQUIT')
  for (const dir of tracked.dirs) {
    try {
      rmSync(dir, { recursive: true, force: true })
    } catch {
      // the server may still be writing; sweepStaleDirs('fanout-pg-') removes it next time
    }
  }
})

function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true })
  tracked.dirs.delete(dir)
}
