import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { executeRun } from '@/lib/engine/execute-run'
import { readTargetRunOutput } from '@/lib/engine/output'
import { Semaphore } from '@/lib/engine/semaphore'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import { platformKey } from '@/lib/targets/platform-key'
import { createTarget } from '@/lib/targets/queries'
import type { encodings } from '@/lib/targets/schema'
import { createTenant } from '@/lib/tenants/queries'
import { addAuthorizedKey, type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let scope: { tenantId: string; userId: string; role: 'admin' }
beforeAll(async () => {
  host = await startSshd()
  const tenant = await createTenant({ name: 'Encodings', slug: `encodings-${Date.now().toString(36)}` })
  scope = { tenantId: tenant.id, userId: 'test', role: 'admin' }
  addAuthorizedKey(host, (await platformKey(scope))!.publicKey)
})
afterAll(async () => {
  await host?.stop()
})

/** Runs `content` on one new target with that encoding; returns its target-run. */
async function runOn(encoding: (typeof encodings)[number], content: string) {
  const name = `box-${encoding}-${randomBytes(3).toString('hex')}`
  const t = await createTarget(
    scope,
    {
      name,
      host: host.host,
      port: host.port,
      username: host.username,
      proxyId: null,
      resourcePool: null,
      region: null,
      encoding,
      description: '',
      labels: [],
    },
    { credentialType: 'platform_key', credentialSecret: null },
  )
  const snapshot: RunSnapshot = {
    steps: [
      {
        kind: 'script',
        scriptId: 's',
        scriptName: 'print',
        versionId: 'v',
        version: 1,
        sha256: 'x',
        language: 'bash',
        content,
        parameters: [],
        continueOnFailure: false,
      },
    ],
    targets: [{ id: t.id, name, host: host.host, port: host.port, encoding }],
    limits: { parallelism: 1, timeoutSeconds: 30, maxFailedCount: null, maxFailedPercent: null },
  }
  const run = await db.run.create({
    data: { tenantId: scope.tenantId, kind: 'script', snapshot: JSON.stringify(snapshot), triggeredByType: 'user' },
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
