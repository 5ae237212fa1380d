import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encryptSecret } from '@/lib/crypto/envelope'
import { db } from '@/lib/db'
import { startEngine } from '@/lib/engine/engine'
import { buildRunMessage } from '@/lib/notify/message'
import { engineTarget, engineTenant, limits, queueRun, scriptStep, waitForRun } from '../support/engine-fixtures'
import { type SshHost, startSshd } from '../support/sshd'

// The message about a real run on a real sshd: who failed and how, in a few lines.

let host: SshHost
let engine: ReturnType<typeof startEngine>

beforeAll(async () => {
  host = await startSshd()
  engine = startEngine({ leaseMs: 5_000, maxSsh: 10, outputCap: 1 << 20, pollMs: 100 })
})

afterAll(async () => {
  await engine?.stop()
  await host?.stop()
})

// db-* hosts fail with five lines on stderr, the last one very long and one holding the secret.
const script = `echo "hello from $FANOUT_TARGET_NAME"
case $FANOUT_TARGET_NAME in db-*)
  for i in 1 2 3; do echo "warning $i" >&2; done
  echo "token was $FANOUT_PARAM_TOKEN" >&2
  printf 'E%.0s' $(seq 1 300) >&2; echo >&2
  exit 3;;
esac`

describe(`run messages (${process.env.FANOUT_TEST_DB})`, () => {
  it('names the failing hosts with their last lines, cut short, and links to the run', async () => {
    const scope = await engineTenant(host)
    const tenant = await db.tenant.findUniqueOrThrow({ where: { id: scope.tenantId } })
    const targets = [
      await engineTarget(scope, host, 'web-1'),
      await engineTarget(scope, host, 'db-1'),
      await engineTarget(scope, host, 'db-2'),
      await engineTarget(scope, host, 'gone-1', { port: 1 }),
    ]
    const step = scriptStep(script, {
      parameters: [{ name: 'TOKEN', value: encryptSecret('hunter2-xyz'), secret: true }],
    })
    const run = await queueRun(scope, { steps: [step], targets, limits: limits() }, 'queued')
    await waitForRun(run.id)

    const message = await buildRunMessage(run.id)
    expect(message).toMatchObject({
      kind: 'run',
      status: 'failed',
      statusLabel: 'Failed',
      link: `http://localhost:3000/${tenant.slug}/runs/${run.id}`,
      hosts: 4,
      moreFailing: 0,
    })
    expect(message.counts).toEqual([
      { status: 'failed', label: 'Failed', hosts: 2 },
      { status: 'connect_failed', label: 'Connect failed', hosts: 1 },
      { status: 'succeeded', label: 'Succeeded', hosts: 1 },
    ])
    expect(message.failing.map((h) => [h.name, h.statusLabel, h.exitCode])).toEqual([
      ['db-1', 'Failed', 3],
      ['db-2', 'Failed', 3],
      ['gone-1', 'Connect failed', null],
    ])
    const [db1, , gone] = message.failing
    expect(db1.lines).toEqual(['warning 3', 'token was ******', `${'E'.repeat(199)}…`])
    expect(gone.error).toMatch(/refused|ECONNREFUSED/i)
    expect(message.text).toContain(`Run: ${message.link}`)
    expect(message.text).toContain('- db-1: Failed, exit 3\n    warning 3\n    token was ******')
    expect(JSON.stringify(message)).not.toContain('hunter2-xyz')
  })

  it('links a task run under its task and cuts the list at five failing hosts', async () => {
    const scope = await engineTenant(host)
    const targets = await Promise.all(Array.from({ length: 7 }, (_, i) => engineTarget(scope, host, `db-${i}`)))
    const run = await queueRun(
      scope,
      { steps: [scriptStep('echo broken >&2; exit 1')], targets, limits: limits() },
      'queued',
    )
    await waitForRun(run.id)
    await db.run.update({ where: { id: run.id }, data: { taskId: 'task-1' } })

    const message = await buildRunMessage(run.id)
    expect(message.link).toMatch(new RegExp(`/tasks/task-1/runs/${run.id}$`))
    expect(message.failing.map((h) => h.name)).toEqual(['db-0', 'db-1', 'db-2', 'db-3', 'db-4'])
    expect(message.failing[0].lines).toEqual(['broken'])
    expect(message.moreFailing).toBe(2)
    expect(message.text).toContain('…and 2 more')
  })
})
