import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runScriptOnTarget } from '@/lib/engine/execute-target'
import type { ScriptInvocation } from '@/lib/engine/remote'
import { connect, type SshConnection } from '@/lib/ssh'
import { endpointFor } from '../ssh/helpers'
import { generateKeyPair, type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let conn: SshConnection

beforeAll(async () => {
  const key = generateKeyPair()
  host = await startSshd({ authorizedKeys: [key.publicKey] })
  conn = await connect({ target: endpointFor(host, { type: 'key', privateKey: key.privateKey }) })
})

afterAll(async () => {
  await conn?.close()
  await host?.stop()
})

const invocation = (content: string): ScriptInvocation => ({
  workDir: `fanout-test-${randomBytes(6).toString('hex')}`,
  language: 'bash',
  content,
  args: [],
  env: {},
})

const running = (marker: string) =>
  execFileSync('ps', ['-eo', 'args'])
    .toString()
    .split('\n')
    .filter((l) => l.includes(marker)).length

describe('running a script on one target', () => {
  it('reports success, streams output and returns the output parameters', async () => {
    const out: Buffer[] = []
    const outcome = await runScriptOnTarget(conn, {
      invocation: invocation('echo working\necho "RESULT=done" >> "$FANOUT_OUTPUT"\n'),
      timeoutMs: 10_000,
      onStdout: (c) => out.push(c),
    })
    expect(outcome).toEqual({ status: 'succeeded', exitCode: 0, outputs: { RESULT: 'done' }, error: null })
    expect(Buffer.concat(out).toString()).toBe('working\n')
  })

  it('reports a non-zero exit as failed with its code', async () => {
    expect(await runScriptOnTarget(conn, { invocation: invocation('exit 3\n'), timeoutMs: 10_000 })).toMatchObject({
      status: 'failed',
      exitCode: 3,
    })
  })

  it('times out: the whole process group is killed and nothing is left behind', async () => {
    const marker = `4${Math.floor(Math.random() * 1e6)}.5`
    const t0 = Date.now()
    const outcome = await runScriptOnTarget(conn, {
      invocation: invocation(`sleep ${marker} &\nsleep ${marker}\n`),
      timeoutMs: 500,
      killGraceSeconds: 1,
    })
    expect(outcome.status).toBe('timed_out')
    expect(Date.now() - t0).toBeLessThan(5_000)
    expect(running(`sleep ${marker}`)).toBe(0)
  })

  it('cancels, even when the cancel comes before the script has started', async () => {
    const marker = `5${Math.floor(Math.random() * 1e6)}.5`
    const early = new AbortController()
    early.abort()
    const late = new AbortController()
    setTimeout(() => late.abort(), 300)
    const [a, b] = await Promise.all([
      runScriptOnTarget(conn, {
        invocation: invocation(`sleep ${marker}\n`),
        timeoutMs: 60_000,
        signal: early.signal,
        killGraceSeconds: 1,
      }),
      runScriptOnTarget(conn, {
        invocation: invocation(`trap '' TERM\nsleep ${marker}\n`),
        timeoutMs: 60_000,
        signal: late.signal,
        killGraceSeconds: 1,
      }),
    ])
    expect([a.status, b.status]).toEqual(['cancelled', 'cancelled'])
    expect(running(`sleep ${marker}`)).toBe(0)
  })

  it('runs a script saved on Windows (BOM, CRLF) as written', async () => {
    const out: Buffer[] = []
    const err: Buffer[] = []
    const outcome = await runScriptOnTarget(conn, {
      invocation: invocation('\uFEFFgreeting="hello"\r\nfor w in one two; do\r\n  echo "$greeting $w"\r\ndone\r\n'),
      timeoutMs: 10_000,
      onStdout: (c) => out.push(c),
      onStderr: (c) => err.push(c),
    })
    expect(Buffer.concat(err).toString()).toBe('')
    expect(outcome).toMatchObject({ status: 'succeeded', exitCode: 0 })
    expect(Buffer.concat(out).toString()).toBe('hello one\nhello two\n')
  })

  it('holds the script on the host while its output is not taken, and loses nothing', async () => {
    const marker = `/tmp/fanout-written-${randomBytes(4).toString('hex')}`
    const size = 8 * 1024 * 1024
    let received = 0
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const outcome = runScriptOnTarget(conn, {
      invocation: invocation(`head -c ${size} /dev/zero | tr '\\0' z\ntouch ${marker}\n`),
      timeoutMs: 30_000,
      // The first chunk asks to wait: nothing more is read until the gate opens.
      onStdout: (c) => {
        received += c.length
        return received === c.length ? gate : undefined
      },
    })
    await new Promise((r) => setTimeout(r, 1_500))
    // The SSH window and the pipes hold a few MiB at most: the script is still writing.
    expect(existsSync(marker)).toBe(false)
    expect(received).toBeLessThan(size)
    release()
    expect(await outcome).toMatchObject({ status: 'succeeded', exitCode: 0 })
    expect(received).toBe(size)
    expect(existsSync(marker)).toBe(true)
    rmSync(marker)
  })
})
