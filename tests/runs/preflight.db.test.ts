import { existsSync, rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { preflightScriptRun, preflightTask } from '@/lib/runs/preflight'
import { sealCredential } from '@/lib/targets/credentials'
import { createProxy } from '@/lib/targets/proxy-queries'
import { queueTaskRun } from '@/lib/tasks/queue'
import { engineTarget, memberTenant, param, saveScript, waitForRun } from '../support/engine-fixtures'
import { freePort, generateKeyPair, type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let engine: ReturnType<typeof startEngine>
const markers: string[] = []
beforeAll(async () => {
  host = await startSshd()
  // A small cap: the checks must queue behind the engine's SSH slots, not bypass them.
  engine = startEngine({ leaseMs: 5_000, maxSsh: 2, outputCap: 1 << 20, pollMs: 60_000 })
})
afterAll(async () => {
  await engine?.stop()
  await host?.stop()
  for (const m of markers) rmSync(m, { force: true })
})

const user = { type: 'user' as const, id: null, label: 'Test User' }

function marker() {
  const file = `/tmp/fanout-preflight-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  markers.push(file)
  return file
}

/** A manual task of the script on the targets, as the task form saves one. */
async function makeTask(scope: Scope, scriptId: string, targetIds: string[], parameters = {}) {
  return db.task.create({
    data: {
      tenantId: scope.tenantId,
      name: `check-${Math.random().toString(36).slice(2)}`,
      type: 'manual',
      parallelism: 5,
      timeoutSeconds: 30,
      steps: {
        create: [
          { tenantId: scope.tenantId, position: 0, kind: 'script', scriptId, parameters: JSON.stringify(parameters) },
        ],
      },
      targets: { create: targetIds.map((targetId) => ({ targetId, tenantId: scope.tenantId })) },
    },
  })
}

async function trusted(scope: Scope, name: string, options: Parameters<typeof engineTarget>[3] = {}) {
  const t = await engineTarget(scope, host, name, options)
  await db.target.update({ where: { id: t.id }, data: { hostKeyFingerprint: host.hostKeyFingerprint } })
  return t
}

describe(`dry run (${process.env.FANOUT_TEST_DB})`, () => {
  it('reports every target’s connection and executes nothing, stores nothing, queues nothing', async () => {
    const scope = await memberTenant('Preflight', host)
    const file = marker()
    const scriptId = await saveScript(scope, `touch ${file}`)
    const wrongKey = sealCredential({
      credentialType: 'private_key',
      privateKey: generateKeyPair().privateKey,
      passphrase: '',
      password: '',
    })
    if (!wrongKey.ok) throw new Error(wrongKey.message)
    const proxy = await createProxy(
      scope,
      { name: 'bastion', host: host.host, port: host.port, username: host.username, viaProxyId: null },
      { credentialType: 'platform_key', credentialSecret: null },
    )
    await db.proxy.update({ where: { id: proxy.id }, data: { hostKeyFingerprint: host.hostKeyFingerprint } })
    const ok = await trusted(scope, 'a-ok')
    const closed = await trusted(scope, 'b-closed', { port: await freePort() })
    const { credentialType, credentialSecret } = wrongKey
    const denied = await trusted(scope, 'c-denied', { credential: { credentialType, credentialSecret } })
    const fresh = await engineTarget(scope, host, 'd-new')
    const changed = await engineTarget(scope, host, 'e-changed')
    const other = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
    await db.target.update({ where: { id: changed.id }, data: { hostKeyFingerprint: other } })
    const behind = await trusted(scope, 'f-behind')
    await db.target.update({ where: { id: behind.id }, data: { proxyId: proxy.id } })
    const ids = [ok, closed, denied, fresh, changed, behind].map((t) => t.id)
    const task = await makeTask(scope, scriptId, ids)

    const preflight = await preflightTask(scope, task.id)
    if (!preflight) throw new Error('task not found')
    const byName = Object.fromEntries(preflight.targets.map((t) => [t.name, t]))
    expect(byName['a-ok']).toMatchObject({ result: 'ok', message: null, via: [], address: `${host.host}:${host.port}` })
    expect(byName['b-closed']).toMatchObject({ result: 'unreachable' })
    expect(byName['b-closed'].message).toContain('connection refused')
    expect(byName['c-denied']).toMatchObject({ result: 'auth_failed' })
    expect(byName['d-new'].result).toBe('unknown_host_key')
    expect(byName['d-new'].message).toContain(host.hostKeyFingerprint)
    expect(byName['d-new'].message).toContain('would trust it on first use')
    expect(byName['e-changed']).toMatchObject({ result: 'host_key_mismatch' })
    expect(byName['e-changed'].message).toContain(host.hostKeyFingerprint)
    expect(byName['f-behind']).toMatchObject({ result: 'ok', via: ['bastion'] })
    expect(preflight.summary).toEqual({ targets: 6, reachable: 3, failing: 3, blocked: false })
    expect(preflight.steps).toEqual([
      { kind: 'script', label: expect.stringMatching(/ v1$/), hosts: 'all', runAs: null },
    ])

    // A dry run changes nothing: no command ran, no key or status was stored, no run exists.
    expect(existsSync(file)).toBe(false)
    const rows = await db.target.findMany({ where: { tenantId: scope.tenantId }, orderBy: { name: 'asc' } })
    expect(rows.map((r) => [r.name, r.status, r.lastCheckedAt, r.presentedHostKey])).toEqual(
      rows.map((r) => [r.name, 'unknown', null, null]),
    )
    expect(rows.find((r) => r.id === fresh.id)?.hostKeyFingerprint).toBeNull()
    expect(rows.find((r) => r.id === changed.id)?.hostKeyFingerprint).toBe(other)
    expect(await db.run.count({ where: { tenantId: scope.tenantId } })).toBe(0)
    expect((await db.task.findUniqueOrThrow({ where: { id: task.id } })).lastRunId).toBeNull()

    // The marker proves something: the same task run for real creates it.
    const queued = await queueTaskRun(scope, task.id, user, {}, [ok.id])
    if (!queued.ok) throw new Error(JSON.stringify(queued))
    expect((await waitForRun(queued.runId)).status).toBe('succeeded')
    expect(existsSync(file)).toBe(true)
  })

  it('reports blocking and warning rules per step, and the run would be refused', async () => {
    const scope = await memberTenant('Preflight rules', host)
    const file = marker()
    const scriptId = await saveScript(scope, `echo careful\ntouch ${file}`)
    // Rules added after the script was saved: the engine would refuse it at run time.
    await db.dangerRule.createMany({
      data: [
        { tenantId: scope.tenantId, pattern: 'fanout-preflight-', action: 'block', description: 'No markers' },
        { tenantId: scope.tenantId, pattern: 'careful', action: 'warn', description: 'Be careful' },
      ],
    })
    const target = await trusted(scope, 'web')
    const task = await makeTask(scope, scriptId, [target.id])

    const preflight = await preflightTask(scope, task.id)
    expect(preflight?.steps[0]).toMatchObject({
      blockedBy: [`Line 2 matches “No markers”: touch ${file}`],
      warnings: ['Line 1 matches “Be careful”: echo careful'],
    })
    expect(preflight?.summary).toEqual({ targets: 1, reachable: 1, failing: 0, blocked: true })
    expect(existsSync(file)).toBe(false)
    expect(await db.run.count({ where: { tenantId: scope.tenantId } })).toBe(0)
  })

  it('reports parameter errors with the values typed, and an empty selection, like a run would refuse them', async () => {
    const scope = await memberTenant('Preflight parameters', host)
    const scriptId = await saveScript(scope, 'echo "$1"', { parameters: [param({ name: 'WHO', required: true })] })
    const target = await trusted(scope, 'web', { labels: ['web'] })
    const task = await makeTask(scope, scriptId, [target.id])

    expect((await preflightTask(scope, task.id))?.parameterErrors).toEqual({ '0.WHO': 'Required.' })
    expect((await preflightTask(scope, task.id, { '0': { WHO: 'world' } }))?.parameterErrors).toBeUndefined()

    const base = { scriptId, parameters: { WHO: 'x' }, parallelism: 5, timeoutSeconds: 30 }
    const limits = { maxFailedCount: null, maxFailedPercent: null }
    const byLabel = await preflightScriptRun(scope, { ...base, ...limits, targetIds: [], labels: ['web'] })
    expect(byLabel?.targets.map((t) => [t.name, t.result])).toEqual([['web', 'ok']])
    const none = await preflightScriptRun(scope, { ...base, ...limits, targetIds: [], labels: ['nope'] })
    expect(none).toMatchObject({ targets: [], targetError: 'No target carries the chosen labels.' })

    const stranger = await memberTenant('Preflight stranger', host)
    expect(await preflightTask(stranger, task.id)).toBeNull()
    expect(await preflightScriptRun(stranger, { ...base, ...limits, targetIds: [target.id], labels: [] })).toBeNull()
    expect(await db.run.count({ where: { tenantId: scope.tenantId } })).toBe(0)
  })
})
