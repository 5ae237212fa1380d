// Small helpers the service harnesses (sshd, PostgreSQL) share.
import type { ChildProcess } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * A test process killed outright cannot clean up: temp dirs named `<prefix><pid>-…` whose
 * owner is gone are removed on the next start.
 */
export function sweepStaleDirs(prefix: string) {
  const pattern = new RegExp(`^${prefix}(\\d+)-`)
  for (const name of readdirSync(tmpdir())) {
    const owner = pattern.exec(name)?.[1]
    if (owner && !isAlive(Number(owner))) rmSync(path.join(tmpdir(), name), { recursive: true, force: true })
  }
}

export function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The last `limit` characters a child wrote to stderr, for error messages. */
export function collectTail(child: ChildProcess, limit = 8_192): () => string {
  let tail = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-limit)
  })
  return () => tail
}

/** A port that was free a moment ago (callers retry if it is taken before they bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
