import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { readTargetRunOutput } from '@/lib/engine/output'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import { platformKey } from '@/lib/targets/platform-key'
import { createTarget } from '@/lib/targets/queries'
import { createTenant } from '@/lib/tenants/queries'
import { addAuthorizedKey, type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let engine: ReturnType<typeof startEngine>
let scope: { tenantId: string; userId: string; role: 'admin' }
let targets: RunSnapshot['targets']

beforeAll(async () => {
  host = await startSshd()
  const tenant = await createTenant({ name: 'Engine loop', slug: `engine-loop-${Date.now().toString(36)}` })
  scope = { tenantId: tenant.id, userId: 'test', role: 'admin' }
  addAuthorizedKey(host, (await platformKey(scope))!.publicKey)
  const t = await createTarget(
    scope,
    {
      name: 'box',
      host: host.host,
      port: host.port,
      username: host.username,
      proxyId: null,
      resourcePool: null,
      region: null,
      encoding: 'utf-8',
      description: '',
      labels: [],
    },
    { credentialType: 'platform_key', credentialSecret: null },
  )
  targets = [{ id: t.id, name: 'box', host: host.host, port: host.port, encoding: 'utf-8' }]
  engine = startEngine({ leaseMs: 2_000, maxSsh: 10, outputCap: 1 << 20, pollMs: 100 })
})

afterAll(async () => {
  await engine?.stop()
  await host?.stop()
})

function queue(content: string) {
  const snapshot: RunSnapshot = {
    steps: [
      {
        kind: 'script',
        scriptId: 's',
        scriptName: 's',
        versionId: 'v',
        version: 1,
        sha256: 'x',
        language: 'bash',
        content,
        parameters: [],
        continueOnFailure: false,
      },
    ],
    targets,
    limits: { parallelism: 4, timeoutSeconds: 60, maxFailedCount: null, maxFailedPercent: null },
  }
  return db.run.create({
    data: { tenantId: scope.tenantId, kind: 'script', snapshot: JSON.stringify(snapshot), triggeredByType: 'user' },
  })
}

async function until(runId: string, done: (status: string) => boolean, ms = 15_000) {
  const end = Date.now() + ms
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } })
    if (done(run.status) || Date.now() > end) return run
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe(`the engine loop (${process.env.FANOUT_TEST_DB})`, () => {
  it('claims a queued run, executes it and finishes it with its output stored', async () => {
    const run = await queue('echo engine says hi\n')
    const finished = await until(run.id, (s) => s === 'succeeded' || s === 'failed')
    expect(finished).toMatchObject({ status: 'succeeded', ownerId: null })
    expect(finished.startedAt).toBeInstanceOf(Date)
    const tr = await db.targetRun.findFirstOrThrow({ where: { runId: run.id } })
    expect((await readTargetRunOutput(scope, tr.id))?.stdout).toBe('engine says hi\n')
  })

  it('finishes a run whose engine died as interrupted, never leaving it running', async () => {
    const run = await db.run.create({
      data: {
        tenantId: scope.tenantId,
        kind: 'script',
        snapshot: '{}',
        triggeredByType: 'user',
        status: 'running',
        ownerId: 'dead-engine',
        leaseExpiresAt: new Date(Date.now() - 1000),
      },
    })
    await db.targetRun.create({
      data: {
        runId: run.id,
        tenantId: scope.tenantId,
        stepIndex: 0,
        targetId: 'x',
        targetName: 'x',
        status: 'running',
      },
    })
    expect((await until(run.id, (s) => s !== 'running')).status).toBe('interrupted')
    expect((await db.targetRun.findFirstOrThrow({ where: { runId: run.id } })).status).toBe('interrupted')
  })

  it('cancels a running run when asked, killing its script', async () => {
    const run = await queue('sleep 41.25\n')
    await until(run.id, (s) => s === 'running')
    await new Promise((r) => setTimeout(r, 300))
    await db.run.update({ where: { id: run.id }, data: { cancelRequestedAt: new Date() } })
    const done = await until(run.id, (s) => s === 'cancelled', 15_000)
    expect(done.status).toBe('cancelled')
    const { execFileSync } = await import('node:child_process')
    expect(execFileSync('ps', ['-eo', 'args']).toString()).not.toContain('sleep 41.25')
  })
})
