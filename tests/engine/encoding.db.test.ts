import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { executeRun } from '@/lib/engine/execute-run'
import { readTargetRunOutput } from '@/lib/engine/output'
import { Semaphore } from '@/lib/engine/semaphore'
import type { encodings } from '@/lib/targets/schema'
import { type EngineScope, engineTarget, engineTenant, limits, queueRun, scriptStep } from '../support/engine-fixtures'
import { type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let scope: EngineScope
beforeAll(async () => {
  host = await startSshd()
  scope = await engineTenant(host)
})
afterAll(async () => {
  await host?.stop()
})

/** Runs `content` on one new target with that encoding; returns its target-run. */
async function runOn(encoding: (typeof encodings)[number], content: string) {
  const name = `box-${encoding}-${randomBytes(3).toString('hex')}`
  const run = await queueRun(scope, {
    steps: [scriptStep(content, { scriptName: 'print' })],
    targets: [await engineTarget(scope, host, name, { encoding })],
    limits: limits({ parallelism: 1 }),
  })
  expect((await executeRun(run.id, { sshSlots: new Semaphore(4) })).status).toBe('succeeded')
  return db.targetRun.findFirstOrThrow({ where: { runId: run.id } })
}

const storedBytes = async (targetRunId: string, stream: string) =>
  Buffer.concat(
    (await db.outputChunk.findMany({ where: { targetRunId, stream }, orderBy: { seq: 'asc' } })).map((c) => c.data),
  )

describe(`output in the target's encoding, from the host to the reader (${process.env.FANOUT_TEST_DB})`, () => {
  it('reads GBK output back as the Chinese text it is, even a character split across writes', async () => {
    // 你好，世界 — 部署完成 in GBK, as octal escapes: the script itself stays ASCII.
    const content = [
      String.raw`printf '\304\343\272\303\243\254\312\300\275\347 \241\252 \262'`,
      // The rest of 部 arrives later, in another packet and another stored batch.
      'sleep 0.5',
      String.raw`printf '\277\312\360\315\352\263\311\n'`,
      String.raw`printf '\264\355\316\363\n' >&2`,
    ].join('\n')
    const tr = await runOn('gbk', content)
    expect(tr.encoding).toBe('gbk')
    const out = await readTargetRunOutput(scope, tr.id)
    expect(out).toMatchObject({ stdout: '你好，世界 — 部署完成\n', stderr: '错误\n' })
    // The raw bytes are kept as printed: decoding happens only when read.
    expect((await storedBytes(tr.id, 'stdout')).toString('hex')).toBe('c4e3bac3a3accac0bde720a1aa20b2bfcaf0cdeab3c90a')
  })

  it('reads a binary stream back without failing: invalid bytes become U+FFFD, the bytes stay intact', async () => {
    const bytes = randomBytes(64 * 1024)
    const tr = await runOn('utf-8', `echo ${bytes.toString('base64')} | base64 -d\n`)
    const out = await readTargetRunOutput(scope, tr.id)
    expect(out?.stdout).toContain('\uFFFD')
    expect(tr.stdoutBytes).toBe(bytes.length)
    expect((await storedBytes(tr.id, 'stdout')).equals(bytes)).toBe(true)
  })

  it('leaves UTF-8, the default, as it is', async () => {
    const tr = await runOn('utf-8', `echo 'héllo wörld — 你好 ✓'\n`)
    expect((await readTargetRunOutput(scope, tr.id))?.stdout).toBe('héllo wörld — 你好 ✓\n')
  })
})
