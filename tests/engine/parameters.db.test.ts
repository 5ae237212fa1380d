import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encryptSecret } from '@/lib/crypto/envelope'
import { db } from '@/lib/db'
import { executeRun } from '@/lib/engine/execute-run'
import { readTargetRunOutput } from '@/lib/engine/output'
import type { ScriptLanguage } from '@/lib/engine/remote'
import { Semaphore } from '@/lib/engine/semaphore'
import type { ScriptStep } from '@/lib/engine/snapshot'
import { engineTarget, engineTenant, limits, queueRun, scriptStep } from '../support/engine-fixtures'
import { type SshHost, startSshd } from '../support/sshd'

let host: SshHost
beforeAll(async () => {
  host = await startSshd()
})
afterAll(async () => {
  await host?.stop()
})

// Everything a shell would otherwise interpret, split, expand or take for an option.
const awkward: Record<string, string> = {
  SPACES: '  two  words  ',
  SINGLE: "it's O'Brien's",
  DOUBLE: 'say "hi" and "bye"',
  DOLLAR: '$HOME ${PATH} $1 $@ $(id)',
  BACKTICK: '`id` `rm -rf /tmp/x`',
  NEWLINES: 'line one\nline two\n\nline four\n',
  DASH: '-n',
  OPTION: '--help',
  EMPTY: '',
  GLOB: '* ?.[a-z]',
  BACKSLASH: 'C:\\Users\\new\\table \\n',
  MIXED: `-e '"$\`\\ \n;|&<>(){}!#~%^`,
  UNICODE: '部署 ✓ ü',
}
const secret = `p@ss w'rd "$(cat /etc/shadow)" \`x\``

// Each value printed NUL-terminated, so spaces, newlines and empty values are all visible.
// The secret comes last and is printed as its SHA-256: the engine masks secret values in
// stored output, and a digest shows it arrived decrypted, byte for byte, all the same.
const scripts = {
  bash: (names) =>
    [
      'printf "%s\\0" "$#"',
      'for ((i = 1; i < $#; i++)); do printf "%s\\0" "${!i}"; done',
      ...names.map((n) => `printf "%s\\0" "$FANOUT_PARAM_${n}"`),
      'for v in "${!#}" "$FANOUT_PARAM_TOKEN"; do printf "%s" "$v" | sha256sum | cut -c1-64 | tr -d "\\n"; printf "\\0"; done',
    ].join('\n'),
  python3: (names) =>
    [
      'import hashlib, os, sys',
      'args = sys.argv[1:]',
      'values = [str(len(args))] + args[:-1]',
      `values += [os.environ["FANOUT_PARAM_" + n] for n in ${JSON.stringify(names)}]`,
      'values += [hashlib.sha256(v.encode()).hexdigest() for v in (args[-1], os.environ["FANOUT_PARAM_TOKEN"])]',
      'sys.stdout.buffer.write(b"".join(v.encode() + b"\\0" for v in values))',
    ].join('\n'),
} satisfies Partial<Record<ScriptLanguage, (names: string[]) => string>>

async function runWithParameters(language: keyof typeof scripts, parameters: ScriptStep['parameters']) {
  const scope = await engineTenant(host)
  const content = scripts[language](parameters.filter((p) => !p.secret).map((p) => p.name))
  const run = await queueRun(scope, {
    steps: [scriptStep(content, { scriptName: 'echo parameters', language, parameters })],
    targets: [await engineTarget(scope, host, 'box')],
    limits: limits({ parallelism: 1 }),
  })
  expect((await executeRun(run.id, { sshSlots: new Semaphore(4) })).status).toBe('succeeded')
  const tr = await db.targetRun.findFirstOrThrow({ where: { runId: run.id } })
  const out = await readTargetRunOutput(scope, tr.id)
  expect(out?.stderr).toBe('')
  const values = out!.stdout.split('\0')
  expect(values.pop()).toBe('')
  const plain = parameters.filter((p) => !p.secret).length
  return {
    snapshot: run.snapshot,
    count: Number(values[0]),
    args: values.slice(1, 1 + plain),
    env: values.slice(1 + plain, 1 + 2 * plain),
    secretDigests: values.slice(1 + 2 * plain),
  }
}

describe(`parameters reach the script byte for byte (${process.env.FANOUT_TEST_DB})`, () => {
  const parameters = [
    ...Object.entries(awkward).map(([name, value]) => ({ name, value, secret: false })),
    { name: 'TOKEN', value: encryptSecret(secret), secret: true },
  ]
  const digest = createHash('sha256').update(secret).digest('hex')

  for (const language of ['bash', 'python3'] as const) {
    it(`as positional arguments and as FANOUT_PARAM_<NAME> (${language}), a secret decrypted`, async () => {
      const result = await runWithParameters(language, parameters)
      expect(result.count).toBe(parameters.length)
      expect(result.args).toEqual(Object.values(awkward))
      expect(result.env).toEqual(Object.values(awkward))
      expect(result.secretDigests).toEqual([digest, digest])
      // Only the engine opens the secret: the stored run holds it sealed.
      expect(result.snapshot).not.toContain('p@ss')
    })
  }
})
