import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decryptSecret } from '@/lib/crypto/envelope'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { readTargetRunOutput } from '@/lib/engine/output'
import { runSnapshotSchema } from '@/lib/engine/snapshot'
import { getRun, requestCancel } from '@/lib/runs/queries'
import { queueScriptRun } from '@/lib/runs/queue'
import { engineTarget, memberTenant, param, runRow, saveScript, waitForRun } from '../support/engine-fixtures'
import { type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let engine: ReturnType<typeof startEngine>
beforeAll(async () => {
  host = await startSshd()
  engine = startEngine({ leaseMs: 5_000, maxSsh: 20, outputCap: 1 << 20, pollMs: 5_000 })
})
afterAll(async () => {
  await engine?.stop()
  await host?.stop()
})

const user = { type: 'user' as const, id: null, label: 'Test User' }
const limits = { parallelism: 5, timeoutSeconds: 30, maxFailedCount: null, maxFailedPercent: null }

async function tenantWithTargets(labelsByName: Record<string, string[]>) {
  const scope = await memberTenant('Runs', host)
  const ids: Record<string, string> = {}
  for (const [name, labels] of Object.entries(labelsByName))
    ids[name] = (await engineTarget(scope, host, name, { labels })).id
  return { scope, ids }
}

describe(`queueing a run of a script (${process.env.FANOUT_TEST_DB})`, () => {
  it('freezes the latest version, targets by id and label, parameters; the engine runs it at once', async () => {
    const { scope, ids } = await tenantWithTargets({ web1: ['web'], web2: ['web'], db1: ['db'], other: [] })
    const scriptId = await saveScript(scope, 'echo "hi $1 from $FANOUT_TARGET_NAME token=${#FANOUT_PARAM_TOKEN}"', {
      parameters: [param({ name: 'WHO', required: true }), param({ name: 'TOKEN', type: 'secret', default: 'sekrit' })],
    })
    const queued = await queueScriptRun(
      scope,
      { scriptId, targetIds: [ids.db1, ids.web1], labels: ['web'], parameters: { WHO: 'a b' }, ...limits },
      user,
    )
    if (!queued.ok) throw new Error(JSON.stringify(queued))
    expect(queued.targets).toBe(3)

    const stored = await db.run.findUniqueOrThrow({ where: { id: queued.runId } })
    const snapshot = runSnapshotSchema.parse(JSON.parse(stored.snapshot))
    expect(snapshot.targets.map((t) => t.name)).toEqual(['db1', 'web1', 'web2'])
    const step = snapshot.steps[0]
    if (step.kind !== 'script') throw new Error('script step expected')
    expect(step.version).toBe(1)
    expect(step.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(stored.snapshot).not.toContain('sekrit')
    expect(decryptSecret(step.parameters[1].value)).toBe('sekrit')
    expect(stored.triggeredByLabel).toBe('Test User')

    // The engine polls every 5 s here: finishing well before proves queueing woke it.
    const started = Date.now()
    const run = await waitForRun(queued.runId)
    expect(Date.now() - started).toBeLessThan(4_000)
    expect(run.status).toBe('succeeded')
    const view = await getRun(scope, queued.runId)
    expect(view!.steps[0].parameters).toEqual([
      { name: 'WHO', value: 'a b' },
      { name: 'TOKEN', value: '******' },
    ])
    const web2 = await db.targetRun.findFirstOrThrow({ where: { runId: queued.runId, targetName: 'web2' } })
    expect((await readTargetRunOutput(scope, web2.id))!.stdout).toBe('hi a b from web2 token=6\n')
  })

  it('refuses without queueing: no target, unknown or foreign target, bad parameter, blocked script', async () => {
    const { scope, ids } = await tenantWithTargets({ mine: [] })
    const stranger = await tenantWithTargets({ theirs: [] })
    const ok = await saveScript(scope, 'echo ok')
    const none = await queueScriptRun(
      scope,
      { scriptId: ok, targetIds: [], labels: [], parameters: {}, ...limits },
      user,
    )
    expect(none).toEqual({ ok: false, fields: { targets: 'Choose at least one target or label.' } })
    const foreign = await queueScriptRun(
      scope,
      { scriptId: ok, targetIds: [ids.mine, stranger.ids.theirs], labels: [], parameters: {}, ...limits },
      user,
    )
    expect(foreign).toEqual({
      ok: false,
      fields: { targets: '1 of the chosen targets no longer exist. Choose again.' },
    })
    const label = await queueScriptRun(
      scope,
      { scriptId: ok, targetIds: [], labels: ['nope'], parameters: {}, ...limits },
      user,
    )
    expect(label).toEqual({ ok: false, fields: { targets: 'No target carries the chosen labels.' } })
    const otherScript = await saveScript(stranger.scope, 'echo theirs')
    expect(
      await queueScriptRun(
        scope,
        { scriptId: otherScript, targetIds: [ids.mine], labels: [], parameters: {}, ...limits },
        user,
      ),
    ).toEqual({ ok: false, error: 'Not found.' })
    const param = await queueScriptRun(
      scope,
      { scriptId: ok, targetIds: [ids.mine], labels: [], parameters: { NOPE: 'x' }, ...limits },
      user,
    )
    expect(param).toEqual({ ok: false, fields: { parameters: { NOPE: 'This script has no parameter NOPE.' } } })

    await db.dangerRule.create({
      data: { tenantId: scope.tenantId, pattern: 'forbidden-word', action: 'block', description: 'No forbidden words' },
    })
    const blocked = await queueScriptRun(
      scope,
      {
        scriptId: await saveScript(scope, 'echo forbidden-word'),
        targetIds: [ids.mine],
        labels: [],
        parameters: {},
        ...limits,
      },
      user,
    )
    expect(blocked).toEqual({
      ok: false,
      error: expect.stringMatching(/^Refused to run s-\w+: line 1 matches the blocking rule “No forbidden words”\.$/),
    })
    expect(await db.run.count({ where: { tenantId: scope.tenantId } })).toBe(0)
  })

  it('cancels a queued run on the spot and a running one through its engine, never another tenant’s', async () => {
    const { scope, ids } = await tenantWithTargets({ box: [] })
    const stranger = await tenantWithTargets({})
    const long = await saveScript(scope, 'echo started; sleep 30')
    const queued = await queueScriptRun(
      scope,
      { scriptId: long, targetIds: [ids.box], labels: [], parameters: {}, ...limits },
      user,
    )
    if (!queued.ok) throw new Error('not queued')
    for (let i = 0; i < 100; i++) {
      const tr = await db.targetRun.findFirst({ where: { runId: queued.runId, status: 'running' } })
      if (tr && (await readTargetRunOutput(scope, tr.id))?.stdout) break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(await requestCancel(stranger.scope, queued.runId, user)).toBe('not_found')
    expect(await requestCancel(scope, queued.runId, user)).toBe('requested')
    const run = await waitForRun(queued.runId)
    expect(run.status).toBe('cancelled')
    expect(await requestCancel(scope, queued.runId, user)).toBe('finished')

    const waiting = await runRow(scope.tenantId, { status: 'queued' })
    await db.run.update({ where: { id: waiting.id }, data: { createdAt: new Date(Date.now() + 60_000) } })
    expect(await requestCancel(scope, waiting.id, user)).toBe('cancelled')
    expect((await db.run.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe('cancelled')
  })
})
