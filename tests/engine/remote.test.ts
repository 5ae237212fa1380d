import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  collectCommand,
  killCommand,
  parseOutputParameters,
  type ScriptInvocation,
  scriptCommand,
} from '@/lib/engine/remote'
import { connect, type SshConnection } from '@/lib/ssh'
import { collector, endpointFor } from '../ssh/helpers'
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

const workDir = () => `fanout-test-${randomBytes(6).toString('hex')}`

async function run(inv: Partial<ScriptInvocation> & Pick<ScriptInvocation, 'content'>) {
  const full: ScriptInvocation = { workDir: workDir(), language: 'bash', args: [], env: {}, ...inv }
  const out = collector()
  const result = await conn.exec(scriptCommand(full), { ...out, stdin: full.content })
  const collected = collector()
  await conn.exec(collectCommand(full.workDir), collected)
  return {
    ...result,
    stdout: out.stdout(),
    stderr: out.stderr(),
    outputs: parseOutputParameters(collected.stdout()),
    workDir: full.workDir,
  }
}

async function remote(command: string) {
  const out = collector()
  await conn.exec(command, out)
  return out.stdout()
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
    const started = conn.exec(scriptCommand({ workDir: dir, language: 'bash', content, args: [], env: {} }), {
      stdin: content,
    })
    const alive = () =>
      execFileSync('ps', ['-eo', 'args'])
        .toString()
        .split('\n')
        .filter((l) => l.includes(`sleep ${marker}`)).length
    for (let i = 0; i < 50 && alive() < 2; i++) await new Promise((r) => setTimeout(r, 50))
    expect(alive()).toBe(2)
    const t0 = Date.now()
    await remote(killCommand(dir, 1))
    const result = await started
    expect(result.code).toBe(137) // 128 + SIGKILL: TERM was ignored
    expect(Date.now() - t0).toBeLessThan(5000)
    expect(alive()).toBe(0)
    await remote(collectCommand(dir))
  })

  it('reads output parameters leniently', () => {
    expect(parseOutputParameters('A=1\r\nB=two words\n=bad\n1X=bad\nA=3')).toEqual({ A: '3', B: 'two words' })
  })

  it('refuses names that could smuggle shell syntax', () => {
    expect(() => scriptCommand({ workDir: 'x;rm', language: 'bash', content: '', args: [], env: {} })).toThrow()
    expect(() =>
      scriptCommand({ workDir: 'ok', language: 'bash', content: '', args: [], env: { 'A B': '1' } }),
    ).toThrow()
    expect(() => killCommand('$(id)')).toThrow()
  })
})
