import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { killCommand, parseOutputParameters, type ScriptInvocation, scriptExec } from '@/lib/engine/remote'
import { TrailerSplitter } from '@/lib/engine/trailer'
import { connect, exec, type SshConnection } from '@/lib/ssh'
import { collector, endpointFor } from '../ssh/helpers'
import { generateKeyPair, type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let conn: SshConnection
let open: () => Promise<SshConnection>

beforeAll(async () => {
  const key = generateKeyPair()
  host = await startSshd({ authorizedKeys: [key.publicKey] })
  open = () => connect({ target: endpointFor(host, { type: 'key', privateKey: key.privateKey }) })
  conn = await open()
})

afterAll(async () => {
  await conn?.close()
  await host?.stop()
})

const workDir = () => `fanout-test-${randomBytes(6).toString('hex')}`

async function run(inv: Partial<ScriptInvocation> & Pick<ScriptInvocation, 'content'>) {
  const full: ScriptInvocation = { workDir: workDir(), language: 'bash', args: [], env: {}, ...inv }
  const out = collector()
  const { command, stdin, outputsMarker } = scriptExec(full)
  const trailer = new TrailerSplitter(outputsMarker)
  const result = await exec(conn, command, {
    onStdout: (chunk) => out.onStdout(trailer.push(chunk)),
    onStderr: out.onStderr,
    stdin,
    holdStdin: true,
  })
  out.onStdout(trailer.end())
  return {
    ...result,
    stdout: out.stdout(),
    stderr: out.stderr(),
    outputs: parseOutputParameters(trailer.trailer),
    workDir: full.workDir,
  }
}

/** Whether the wrapper removed its work directory (it always should, however the script ended). */
async function gone(dir: string) {
  for (let i = 0; i < 50; i++) {
    if ((await remote(`ls -d "\${TMPDIR:-/tmp}/${dir}" 2>/dev/null || echo gone`)) === 'gone\n') return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return false
}

async function remote(command: string) {
  const out = collector()
  await conn.exec(command, out)
  return out.stdout()
}

const pidsOf = (marker: string) =>
  execFileSync('ps', ['-eo', 'pid,args'])
    .toString()
    .split('\n')
    .filter((l) => l.includes(marker))
    .map((l) => Number(l.trim().split(' ')[0]))
const alive = (marker: string) => pidsOf(marker).length

async function until(check: () => boolean, ms = 5_000) {
  for (const end = Date.now() + ms; !check() && Date.now() < end;) await new Promise((r) => setTimeout(r, 50))
  return check()
}

describe('the remote wrapper', () => {
  it('runs the script from stdin, keeps stdout and stderr apart and returns its exit status', async () => {
    const r = await run({ content: 'echo out; echo err >&2; exit 7\n' })
    expect(r).toMatchObject({ code: 7, stdout: 'out\n', stderr: 'err\n' })
  })

  it('passes parameters as positional arguments and FANOUT_PARAM_ variables, byte for byte', async () => {
    const tricky = `it's "quoted" $HOME \`id\` ; rm -rf / && echo pwned`
    const r = await run({
      content: 'printf "%s|" "$1" "$2" "$FANOUT_PARAM_MSG" "$#"\n',
      args: [tricky, 'two words'],
      env: { FANOUT_PARAM_MSG: tricky },
    })
    expect(r.stdout).toBe(`${tricky}|two words|${tricky}|2|`)
    expect(r.code).toBe(0)
  })

  it('runs each language with its interpreter, or the shebang when there is one', async () => {
    expect(
      (await run({ language: 'python3', content: 'import sys\nprint("py", len(sys.argv))\n', args: ['a'] })).stdout,
    ).toBe('py 2\n')
    expect((await run({ language: 'perl', content: 'print "perl $ARGV[0]\\n";\n', args: ['x'] })).stdout).toBe(
      'perl x\n',
    )
    expect((await run({ language: 'sh', content: 'echo "sh $0" | grep -c script\n' })).stdout).toBe('1\n')
    const shebang = await run({ language: 'bash', content: '#!/usr/bin/env python3\nprint("from shebang")\n' })
    expect(shebang.stdout).toBe('from shebang\n')
  })

  it('collects KEY=VALUE output parameters and leaves nothing behind on the host', async () => {
    const r = await run({
      content:
        'echo "VERSION=1.2.3" >> "$FANOUT_OUTPUT"\necho "not a pair" >> "$FANOUT_OUTPUT"\necho "EMPTY=" >> "$FANOUT_OUTPUT"\n',
    })
    expect(r.outputs).toEqual({ VERSION: '1.2.3', EMPTY: '' })
    expect(await remote(`ls -d "\${TMPDIR:-/tmp}/${r.workDir}" 2>/dev/null || echo gone`)).toBe('gone\n')
  })

  it('runs the script in its own process group, so a kill takes the whole tree, TERM-ignoring children too', async () => {
    const marker = `3${Math.floor(Math.random() * 1e6)}.5`
    const dir = workDir()
    const content = `trap '' TERM\nsleep ${marker} &\nsleep ${marker}\n`
    const { command, stdin } = scriptExec({ workDir: dir, language: 'bash', content, args: [], env: {} })
    const started = exec(conn, command, { stdin, holdStdin: true })
    expect(await until(() => alive(`sleep ${marker}`) === 2)).toBe(true)
    const t0 = Date.now()
    await remote(killCommand(dir, 1))
    const result = await started
    expect(result.code).toBe(137) // 128 + SIGKILL: TERM was ignored
    expect(Date.now() - t0).toBeLessThan(5000)
    expect(alive(`sleep ${marker}`)).toBe(0)
    expect(await gone(dir)).toBe(true)
  })

  it('runs a script saved with a BOM and CRLF line endings as if it had neither', async () => {
    const content =
      '\uFEFF#!/bin/bash\r\n\r\nname="crlf"\r\nif [ "$name" = crlf ]; then\r\n  echo "ran $name"\r\nfi\r\n'
    const r = await run({ content })
    expect(r).toMatchObject({ code: 0, stdout: 'ran crlf\n', stderr: '' })
    // Without the normalisation bash trips over every \r.
    const raw = collector()
    await conn.exec('bash', { ...raw, stdin: content.slice(1) })
    expect(raw.stderr()).toContain("$'\\r': command not found")
  })

  it('never runs a script that arrived incomplete', async () => {
    const marker = `/tmp/fanout-partial-${randomBytes(4).toString('hex')}`
    const dir = workDir()
    const { command, stdin } = scriptExec({
      workDir: dir,
      language: 'bash',
      content: `touch ${marker}\necho complete\n`,
      args: [],
      env: {},
    })
    // The connection "drops" after half the script: stdin ends early.
    const out = collector()
    const result = await exec(conn, command, { ...out, stdin: stdin.subarray(0, stdin.length >> 1) })
    expect(result.code).toBe(125)
    expect(out.stdout()).toBe('')
    expect(existsSync(marker)).toBe(false)
    expect(await gone(dir)).toBe(true)
  })

  it('kills the whole group when the connection goes away mid-run, TERM-ignoring children too', async () => {
    const marker = `6${Math.floor(Math.random() * 1e6)}.5`
    const dir = workDir()
    const content = `trap '' TERM\nsleep ${marker} &\nsleep ${marker}\n`
    const lost = await open()
    const { command, stdin } = scriptExec({ workDir: dir, language: 'bash', content, args: [], env: {} }, 1)
    const running = exec(lost, command, { stdin, holdStdin: true }).catch((e: Error) => e)
    expect(await until(() => alive(`sleep ${marker}`) === 2)).toBe(true)
    // As if this process died: the TCP connection is gone without a goodbye.
    lost.client.destroy()
    expect(await running).toBeInstanceOf(Error)
    expect(await until(() => alive(`sleep ${marker}`) === 0)).toBe(true)
    expect(await gone(dir)).toBe(true)
  })

  it('spares what a script that ended left running on purpose, and leaves no watcher behind', async () => {
    const marker = `7${Math.floor(Math.random() * 1e6)}.5`
    const r = await run({ content: `sleep ${marker} > /dev/null 2>&1 &\necho started\n` })
    expect(r).toMatchObject({ code: 0, stdout: 'started\n' })
    // The channel is closed now; a watcher that misread that as a lost connection would kill the sleep.
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    const daemons = pidsOf(`sleep ${marker}`)
    for (const pid of daemons) process.kill(pid, 'SIGKILL')
    expect(daemons).toHaveLength(1)
    expect(alive(r.workDir)).toBe(0)
  })

  it('reads output parameters leniently', () => {
    expect(parseOutputParameters('A=1\r\nB=two words\n=bad\n1X=bad\nA=3')).toEqual({ A: '3', B: 'two words' })
  })

  it('refuses names that could smuggle shell syntax', () => {
    expect(() => scriptExec({ workDir: 'x;rm', language: 'bash', content: '', args: [], env: {} })).toThrow()
    expect(() => scriptExec({ workDir: 'ok', language: 'bash', content: '', args: [], env: { 'A B': '1' } })).toThrow()
    expect(() => killCommand('$(id)')).toThrow()
  })
})
