import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { executeRun } from '@/lib/engine/execute-run'
import { readTargetRunOutput } from '@/lib/engine/output'
import { Semaphore } from '@/lib/engine/semaphore'
import { encryptSecret } from '@/lib/crypto/envelope'
import { sealCredential } from '@/lib/targets/credentials'
import { engineTarget, engineTenant, limits, queueRun, scriptStep } from '../support/engine-fixtures'
import { generateKeyPair, type SshHost, startSshd } from '../support/sshd'

let host: SshHost
beforeAll(async () => {
  host = await startSshd()
})
afterAll(async () => {
  await host?.stop()
})

const statusesOf = async (runId: string) =>
  Object.fromEntries(
    (await db.targetRun.findMany({ where: { runId, stepIndex: 0 } })).map((t) => [t.targetName, t.status]),
  )

describe(`executing a run (${process.env.FANOUT_TEST_DB})`, () => {
  it('runs 30 targets: each failure stays its own, parallelism is never exceeded on the host', async () => {
    const scope = await engineTenant(host)
    const stranger = generateKeyPair()
    const sealed = sealCredential({
      credentialType: 'private_key',
      privateKey: stranger.privateKey,
      passphrase: '',
      password: '',
    })
    if (!sealed.ok) throw new Error(sealed.message)
    const targets = [
      ...(await Promise.all(Array.from({ length: 24 }, (_, i) => engineTarget(scope, host, `good-${i}`)))),
      ...(await Promise.all(Array.from({ length: 3 }, (_, i) => engineTarget(scope, host, `bad-${i}`)))),
      await engineTarget(scope, host, 'closed-port', { port: 1 }),
      await engineTarget(scope, host, 'bad-key', {
        credential: { credentialType: 'private_key', credentialSecret: sealed.credentialSecret },
      }),
      await engineTarget(scope, host, 'wrong-host-key'),
    ]
    await db.target.updateMany({
      where: { name: 'wrong-host-key', tenantId: scope.tenantId },
      data: { hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    })
    const dir = `/tmp/fanout-par-${Date.now()}`
    const content = [
      `mkdir -p ${dir}; touch ${dir}/$FANOUT_TARGET_NAME`,
      `echo "NOW=$(ls ${dir} | wc -l)" >> "$FANOUT_OUTPUT"`,
      'sleep 0.3',
      `rm ${dir}/$FANOUT_TARGET_NAME`,
      'case "$FANOUT_TARGET_NAME" in bad-*) echo "broken on $FANOUT_TARGET_NAME" >&2; exit 4;; esac',
      'echo "hello from $FANOUT_TARGET_NAME $1"',
    ].join('\n')
    const run = await queueRun(scope, {
      steps: [scriptStep(content, { parameters: [{ name: 'WHO', value: 'param value', secret: false }] })],
      targets,
      limits: limits({ parallelism: 5 }),
    })

    expect((await executeRun(run.id, { sshSlots: new Semaphore(200) })).status).toBe('failed')
    const rows = await db.targetRun.findMany({ where: { runId: run.id } })
    const byName = Object.fromEntries(rows.map((r) => [r.targetName, r]))
    for (let i = 0; i < 24; i++) expect(byName[`good-${i}`]).toMatchObject({ status: 'succeeded', exitCode: 0 })
    for (let i = 0; i < 3; i++) expect(byName[`bad-${i}`]).toMatchObject({ status: 'failed', exitCode: 4 })
    expect(byName['closed-port'].status).toBe('connect_failed')
    expect(byName['closed-port'].error).toMatch(/unreachable|refused/i)
    expect(byName['bad-key']).toMatchObject({ status: 'connect_failed' })
    expect(byName['bad-key'].error).toMatch(/auth/i)
    expect(byName['wrong-host-key'].error).toMatch(/host key/i)
    const good = await readTargetRunOutput(scope, byName['good-7'].id)
    expect(good?.stdout).toBe('hello from good-7 param value\n')
    expect((await readTargetRunOutput(scope, byName['bad-1'].id))?.stderr).toBe('broken on bad-1\n')
    expect(rows.every((r) => r.finishedAt)).toBe(true)
    // Measured on the host: how many scripts were inside their sleep at once.
    const overlap = rows.filter((r) => r.outputs).map((r) => Number(JSON.parse(r.outputs!).NOW))
    expect(Math.max(...overlap)).toBeLessThanOrEqual(5)
    expect(Math.max(...overlap)).toBeGreaterThanOrEqual(2)
  })

  it('skips the targets not yet started once failures pass the threshold', async () => {
    const scope = await engineTenant(host)
    const targets = await Promise.all(Array.from({ length: 10 }, (_, i) => engineTarget(scope, host, `t${i}`)))
    const run = await queueRun(scope, {
      steps: [scriptStep('exit 1\n')],
      targets,
      limits: limits({ parallelism: 1, maxFailedCount: 2 }),
    })
    expect((await executeRun(run.id, { sshSlots: new Semaphore(10) })).status).toBe('failed')
    const statuses = Object.values(await statusesOf(run.id))
    expect(statuses.filter((s) => s === 'failed')).toHaveLength(3)
    expect(statuses.filter((s) => s === 'skipped')).toHaveLength(7)
  })

  it('passes output parameters and secrets to the next step, and succeeds', async () => {
    const scope = await engineTenant(host)
    const targets = [await engineTarget(scope, host, 'one'), await engineTarget(scope, host, 'two')]
    const run = await queueRun(scope, {
      steps: [
        scriptStep('echo "BUILD=b-$FANOUT_TARGET_NAME" >> "$FANOUT_OUTPUT"\n'),
        // The length: the value itself would be stored as ****** (tests/engine/secret-mask.db.test.ts).
        scriptStep(
          'echo "$FANOUT_OUT_BUILD ${#FANOUT_PARAM_TOKEN} $([ "$FANOUT_PARAM_TOKEN" = s3cr3t ] && echo same)"\n',
          {
            parameters: [{ name: 'TOKEN', value: encryptSecret('s3cr3t'), secret: true }],
          },
        ),
      ],
      targets,
      limits: limits(),
    })
    expect((await executeRun(run.id, { sshSlots: new Semaphore(10) })).status).toBe('succeeded')
    const second = await db.targetRun.findFirstOrThrow({ where: { runId: run.id, stepIndex: 1, targetName: 'two' } })
    expect((await readTargetRunOutput(scope, second.id))?.stdout).toBe('b-two 6 same\n')
  })

  it('ends as timed out when scripts overrun, and as cancelled when cancelled', async () => {
    const scope = await engineTenant(host)
    const targets = [await engineTarget(scope, host, 'slow')]
    const slow = await queueRun(scope, {
      steps: [scriptStep('sleep 30\n')],
      targets,
      limits: limits({ timeoutSeconds: 1 }),
    })
    expect((await executeRun(slow.id, { sshSlots: new Semaphore(10), killGraceSeconds: 1 })).status).toBe('timed_out')
    const cancelled = await queueRun(scope, {
      steps: [scriptStep('sleep 30\n'), scriptStep('echo never\n')],
      targets,
      limits: limits(),
    })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 500)
    const cancelledRun = await executeRun(cancelled.id, {
      sshSlots: new Semaphore(10),
      signal: controller.signal,
      killGraceSeconds: 1,
    })
    expect(cancelledRun.status).toBe('cancelled')
    const rows = await db.targetRun.findMany({ where: { runId: cancelled.id }, orderBy: { stepIndex: 'asc' } })
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled'])
  })

  it('refuses a script a blocking rule matches, before touching any target', async () => {
    const scope = await engineTenant(host)
    const targets = [await engineTarget(scope, host, 'spared')]
    const marker = `/tmp/fanout-blocked-${Date.now()}`
    const run = await queueRun(scope, { steps: [scriptStep(`touch ${marker}\nrm -rf /\n`)], targets, limits: limits() })
    const result = await executeRun(run.id, { sshSlots: new Semaphore(10) })
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(/^Refused to run s: line 2 matches the blocking rule/)
    expect(Object.values(await statusesOf(run.id))).toEqual(['skipped'])
    const { existsSync } = await import('node:fs')
    expect(existsSync(marker)).toBe(false)
  })
})
