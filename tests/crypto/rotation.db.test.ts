import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Scope } from '@/lib/auth/tenant-access'
import { createSecretBox, isSecretEnvelope } from '@/lib/crypto/envelope'
import { derivedKey, masterKey } from '@/lib/crypto/master-key'
import { rotateSecrets } from '@/lib/crypto/rotation'
import { db } from '@/lib/db'
import { channelRecord } from '@/lib/notify/channels/record'
import { createChannel } from '@/lib/notify/queries'
import { createChannelSchema } from '@/lib/notify/schema'
import { queueScriptRun } from '@/lib/runs/queue'
import { createTask } from '@/lib/tasks/save'
import { taskSchema } from '@/lib/tasks/schema'
import { sealCredential } from '@/lib/targets/credentials'
import { createProxy } from '@/lib/targets/proxy-queries'
import { createTarget } from '@/lib/targets/queries'
import { createWebhook } from '@/lib/webhooks/queries'
import { memberTenant, param, saveScript } from '../support/engine-fixtures'

// The app seals everything with the test master key (vitest.config.ts): here it is the old
// key. The rotation runs as the servers would after the change: a new master key, the old
// one in FANOUT_PREVIOUS_MASTER_KEYS.
const oldMaster = masterKey()
const newMaster = randomBytes(32)
const oldBox = createSecretBox([derivedKey('secrets', oldMaster)])
const box = createSecretBox([derivedKey('secrets', newMaster), derivedKey('secrets', oldMaster)])
// A key nobody configured (e.g. lost): its values can only be reported.
const strangerBox = createSecretBox([randomBytes(32)])

const ENVELOPE = /v1:[\w-]+:[\w-]+:[\w-]+/g
const keyIdIn = (envelope: string) => envelope.split(':')[1]
const envelopesIn = (text: string) => [...text.matchAll(ENVELOPE)].map((m) => m[0]).filter(isSecretEnvelope)

let n = 0

async function target(scope: Scope, credential: { credentialType: string; credentialSecret: string | null }) {
  const data = {
    host: '192.0.2.1',
    port: 22,
    username: 'ops',
    resourcePool: null,
    region: null,
    encoding: 'utf-8' as const,
  }
  return createTarget(scope, { ...data, name: `box-${++n}`, description: '', labels: [], proxyId: null }, credential)
}

function sealed(password: string) {
  const result = sealCredential({ credentialType: 'password', password, privateKey: '', passphrase: '' })
  if (!result.ok) throw new Error(result.message)
  return { credentialType: result.credentialType, credentialSecret: result.credentialSecret }
}

/** A tenant with a secret in every column that holds one, each sealed as the app seals it. */
async function seedTenant() {
  const scope = await memberTenant('Rotation')
  const box1 = await target(scope, sealed('pw-target'))
  await createProxy(
    scope,
    { name: `jump-${++n}`, host: '192.0.2.2', port: 22, username: 'ops', viaProxyId: null },
    sealed('pw-proxy'),
  )
  const channel = channelRecord(
    createChannelSchema.parse({
      tenant: 't',
      name: `hook ${++n}`,
      kind: 'webhook',
      url: 'https://hooks.example.test/T0/secret-path',
      signingSecret: 'whsec-1',
    }),
  )
  if (!channel.ok) throw new Error(channel.message)
  await createChannel(scope, channel.data)
  const scriptId = await saveScript(scope, 'echo "$1"\n', {
    parameters: [
      param({ name: 'WHO', default: 'v1:not:an:envelope' }),
      param({ name: 'TOKEN', type: 'secret', default: 'default-sekrit' }),
    ],
  })
  const task = await createTask(
    scope,
    taskSchema.parse({
      tenant: 'x',
      name: `nightly ${++n}`,
      type: 'cron',
      cron: '0 3 * * *',
      steps: [{ kind: 'script', scriptId, parameters: { WHO: 'world', TOKEN: 'task-sekrit' } }],
      targetIds: [box1.id],
    }),
  )
  if (!task.ok) throw new Error(JSON.stringify(task.errors))
  const hook = (await createWebhook(scope, task.id, 'ci'))!
  const run = await queueScriptRun(
    scope,
    {
      scriptId,
      targetIds: [box1.id],
      labels: [],
      parameters: { WHO: 'run', TOKEN: 'run-sekrit' },
      parallelism: 5,
      timeoutSeconds: 30,
      maxFailedCount: null,
      maxFailedPercent: null,
    },
    { type: 'user', id: null, label: 'Test User' },
  )
  if (!run.ok) throw new Error(JSON.stringify(run))
  const lost = await target(scope, {
    credentialType: 'password',
    credentialSecret: strangerBox.encrypt('{"password":"lost"}'),
  })
  return {
    targetId: box1.id,
    taskId: task.id,
    scriptId,
    runId: run.runId,
    hookSecret: hook.secret,
    lostTargetId: lost.id,
  }
}

/** Every stored value of every secret column, by "Table.column id". */
async function storedValues() {
  const pairs = [
    ...(await db.tenant.findMany()).map((r) => [`Tenant.platformPrivateKey ${r.id}`, r.platformPrivateKey] as const),
    ...(await db.target.findMany()).map((r) => [`Target.credentialSecret ${r.id}`, r.credentialSecret] as const),
    ...(await db.proxy.findMany()).map((r) => [`Proxy.credentialSecret ${r.id}`, r.credentialSecret] as const),
    ...(await db.notifyChannel.findMany()).map((r) => [`NotifyChannel.secret ${r.id}`, r.secret] as const),
    ...(await db.taskWebhook.findMany()).map((r) => [`TaskWebhook.secret ${r.id}`, r.secret] as const),
    ...(await db.taskStep.findMany()).map((r) => [`TaskStep.parameters ${r.id}`, r.parameters] as const),
    ...(await db.scriptVersion.findMany()).map((r) => [`ScriptVersion.parameters ${r.id}`, r.parameters] as const),
    ...(await db.run.findMany()).map((r) => [`Run.snapshot ${r.id}`, r.snapshot] as const),
  ]
  return new Map(pairs.map(([key, value]) => [key, value ?? ''] as const))
}

describe(`rotating the master key (${process.env.FANOUT_TEST_DB})`, () => {
  it('re-encrypts every old-key secret with the new key, changes nothing else, and reports unknown keys', async () => {
    const seeded = await seedTenant()
    const before = await storedValues()
    const oldEnvelopes = [...before.values()].flatMap(envelopesIn).filter((e) => keyIdIn(e) === oldBox.keyId)
    // One in each column: the seed reached them all.
    for (const column of [
      'Tenant.platformPrivateKey',
      'Target',
      'Proxy',
      'NotifyChannel',
      'TaskWebhook',
      'TaskStep',
      'ScriptVersion',
      'Run',
    ]) {
      expect(
        [...before].some(
          ([key, value]) => key.startsWith(column) && envelopesIn(value).some((e) => keyIdIn(e) === oldBox.keyId),
        ),
      ).toBe(true)
    }
    const targetUpdatedAt = (await db.target.findUniqueOrThrow({ where: { id: seeded.targetId } })).updatedAt

    const reports = await rotateSecrets(box, { batchSize: 2 })
    const after = await storedValues()

    expect(reports.reduce((sum, r) => sum + r.rotated, 0)).toBe(oldEnvelopes.length)
    expect(reports.map((r) => [r.name, r.undecryptable, r.undecryptableRowIds, r.current, r.changedMeanwhile])).toEqual(
      [
        ['Tenant.platformPrivateKey', 0, [], 0, 0],
        ['Target.credentialSecret', 1, [seeded.lostTargetId], 0, 0],
        ['Proxy.credentialSecret', 0, [], 0, 0],
        ['NotifyChannel.secret', 0, [], 0, 0],
        ['TaskWebhook.secret', 0, [], 0, 0],
        ['TaskStep.parameters', 0, [], 0, 0],
        ['ScriptVersion.parameters', 0, [], 0, 0],
        ['Run.snapshot', 0, [], 0, 0],
      ],
    )
    for (const [key, was] of before) {
      const now = after.get(key)!
      const [wasEnvelopes, nowEnvelopes] = [envelopesIn(was), envelopesIn(now)]
      expect(nowEnvelopes).toHaveLength(wasEnvelopes.length)
      wasEnvelopes.forEach((old, i) => {
        if (keyIdIn(old) === strangerBox.keyId) return expect(nowEnvelopes[i]).toBe(old)
        expect(keyIdIn(nowEnvelopes[i])).toBe(box.keyId)
        expect(box.decrypt(nowEnvelopes[i])).toBe(oldBox.decrypt(old))
      })
      // Around the envelopes, every byte is as it was (JSON of parameters and snapshots).
      expect(now.replace(ENVELOPE, '*')).toBe(was.replace(ENVELOPE, '*'))
    }

    // What the app reads back, through the box the servers use after the change.
    const credential = after.get(`Target.credentialSecret ${seeded.targetId}`)!
    expect(JSON.parse(box.decrypt(credential))).toEqual({ password: 'pw-target' })
    const hook = await db.taskWebhook.findFirstOrThrow({ where: { taskId: seeded.taskId } })
    expect(box.decrypt(hook.secret)).toBe(seeded.hookSecret)
    const step = await db.taskStep.findFirstOrThrow({ where: { taskId: seeded.taskId } })
    const stepParameters = JSON.parse(step.parameters)
    expect(stepParameters.WHO).toBe('world')
    expect(box.decrypt(stepParameters.TOKEN)).toBe('task-sekrit')
    const version = await db.scriptVersion.findFirstOrThrow({ where: { scriptId: seeded.scriptId } })
    const declared = JSON.parse(version.parameters) as { name: string; default: string }[]
    expect(declared.find((p) => p.name === 'WHO')!.default).toBe('v1:not:an:envelope')
    expect(box.decrypt(declared.find((p) => p.name === 'TOKEN')!.default)).toBe('default-sekrit')
    const run = await db.run.findUniqueOrThrow({ where: { id: seeded.runId } })
    const values = JSON.parse(run.snapshot).steps[0].parameters as { name: string; value: string }[]
    expect(values.find((p) => p.name === 'WHO')!.value).toBe('run')
    expect(box.decrypt(values.find((p) => p.name === 'TOKEN')!.value)).toBe('run-sekrit')
    expect((await db.target.findUniqueOrThrow({ where: { id: seeded.targetId } })).updatedAt).toEqual(targetUpdatedAt)

    // A second run finds everything current, changes nothing, and still names the lost one.
    const again = await rotateSecrets(box)
    expect(again.reduce((sum, r) => sum + r.rotated, 0)).toBe(0)
    expect(again.reduce((sum, r) => sum + r.current, 0)).toBe(oldEnvelopes.length)
    expect(again.find((r) => r.name === 'Target.credentialSecret')!.undecryptableRowIds).toEqual([seeded.lostTargetId])
    expect(await storedValues()).toEqual(after)
  })

  it('npm run rotate-secrets does it with the keys from the environment, printing counts but no secret', async () => {
    const seeded = await seedTenant()
    const result = spawnSync('npm', ['run', '--silent', 'rotate-secrets'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        FANOUT_MASTER_KEY: newMaster.toString('hex'),
        FANOUT_PREVIOUS_MASTER_KEYS: ` ${oldMaster.toString('base64')} ,`,
      },
    })
    const printed = result.stdout + result.stderr
    for (const column of ['Tenant.platformPrivateKey', 'Target.credentialSecret', 'Run.snapshot']) {
      expect(printed).toMatch(
        new RegExp(`^${column} +[1-9]\\d* re-encrypted, \\d+ already current, \\d+ undecryptable$`, 'm'),
      )
    }
    expect(printed).toContain(seeded.lostTargetId)
    // Not every secret is under the new key (the lost ones): the old key must not be dropped.
    expect(result.status).toBe(1)
    for (const secret of [
      'pw-target',
      'pw-proxy',
      'secret-path',
      'whsec-1',
      'task-sekrit',
      'default-sekrit',
      'run-sekrit',
      seeded.hookSecret,
    ]) {
      expect(printed).not.toContain(secret)
    }
    for (const key of [newMaster, oldMaster]) {
      for (const encoding of ['hex', 'base64'] as const) expect(printed).not.toContain(key.toString(encoding))
    }
    const stored = await db.target.findUniqueOrThrow({ where: { id: seeded.targetId } })
    expect(keyIdIn(stored.credentialSecret!)).toBe(box.keyId)
    expect(JSON.parse(box.decrypt(stored.credentialSecret!))).toEqual({ password: 'pw-target' })
  })
})
