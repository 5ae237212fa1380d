import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { executeRun } from '@/lib/engine/execute-run'
import { readTargetRunOutput } from '@/lib/engine/output'
import { Semaphore } from '@/lib/engine/semaphore'
import { engineTarget, engineTenant, limits, queueRun, scriptStep } from '../support/engine-fixtures'
import { ensureTestUser, type SshHost, startSshd, TEST_USER } from '../support/sshd'

// The execution account the login user may become, and one it may not.
const ACCOUNT = 'fanout-runas'
const STRANGER = 'fanout-runas-no'
// Per test process: the SQLite and PostgreSQL runs of this file may overlap.
const sudoers = `/etc/sudoers.d/fanout-test-runas-${process.pid}`

let host: SshHost
beforeAll(async () => {
  host = await startSshd()
  await ensureTestUser(ACCOUNT)
  await ensureTestUser(STRANGER)
  const draft = `${sudoers}-draft`
  writeFileSync(draft, `${TEST_USER} ALL=(${ACCOUNT}) NOPASSWD: ALL\n`, { mode: 0o440 })
  // A broken sudoers file would lock sudo for everyone: check it before it counts.
  execFileSync('visudo', ['-cf', draft], { stdio: 'pipe' })
  execFileSync('mv', [draft, sudoers])
})
afterAll(async () => {
  rmSync(sudoers, { force: true })
  await host?.stop()
})

const accountProcesses = (account: string, marker: string) =>
  execFileSync('ps', ['-u', account, '-o', 'args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(marker)).length

async function onlyTargetRun(runId: string, stepIndex = 0) {
  return db.targetRun.findFirstOrThrow({ where: { runId, stepIndex } })
}

describe(`running a step as an execution account (${process.env.FANOUT_TEST_DB})`, () => {
  it('runs the script as the account, in a work dir only the account can open, with the host lists', async () => {
    const scope = await engineTenant(host)
    const targets = [await engineTarget(scope, host, 'box')]
    const run = await queueRun(scope, {
      steps: [
        scriptStep('id -un\n'),
        scriptStep(
          ['id -un', 'stat -c "%U %a" "$(dirname "$FANOUT_OUTPUT")"', 'cat "$FANOUT_PREV_SUCCEEDED"', 'echo "$1"'].join(
            '\n',
          ),
          { runAs: ACCOUNT, parameters: [{ name: 'WHO', value: "it's me", secret: false }] },
        ),
      ],
      targets,
      limits: limits(),
    })
    expect((await executeRun(run.id, { sshSlots: new Semaphore(10) })).status).toBe('succeeded')
    expect((await readTargetRunOutput(scope, (await onlyTargetRun(run.id, 0)).id))?.stdout).toBe(`${TEST_USER}\n`)
    const second = await onlyTargetRun(run.id, 1)
    expect(second).toMatchObject({ status: 'succeeded', exitCode: 0 })
    expect((await readTargetRunOutput(scope, second.id))?.stdout).toBe(`${ACCOUNT}\n${ACCOUNT} 700\nbox\nit's me\n`)
  })

  it('fails the target with sudo’s reason when sudo wants a password or the account does not exist', async () => {
    const scope = await engineTenant(host)
    const targets = [await engineTarget(scope, host, 'box')]
    const refused = await queueRun(scope, {
      steps: [scriptStep('touch /tmp/never\n', { runAs: STRANGER })],
      targets,
      limits: limits(),
    })
    expect((await executeRun(refused.id, { sshSlots: new Semaphore(10) })).status).toBe('failed')
    expect(await onlyTargetRun(refused.id)).toMatchObject({
      status: 'failed',
      exitCode: null,
      error: `sudo refused to run as ${STRANGER}: a password is required (configure NOPASSWD for the login user)`,
    })
    const missing = await queueRun(scope, {
      steps: [scriptStep('true\n', { runAs: 'fanout-nobody-here' })],
      targets,
      limits: limits(),
    })
    await executeRun(missing.id, { sshSlots: new Semaphore(10) })
    expect((await onlyTargetRun(missing.id)).error).toBe(
      'sudo refused to run as fanout-nobody-here: there is no such user on the target',
    )
  })

  it('kills the account’s whole process group on timeout: nothing of the script is left running', async () => {
    const scope = await engineTenant(host)
    const targets = [await engineTarget(scope, host, 'box')]
    const marker = `7${Math.floor(Math.random() * 1e6)}.5`
    const run = await queueRun(scope, {
      // A TERM-ignoring child too: the KILL after the grace period must reach it.
      steps: [
        scriptStep(`sleep ${marker} &\n(trap "" TERM; sleep ${marker}) &\nsleep ${marker}\n`, { runAs: ACCOUNT }),
      ],
      targets,
      limits: limits({ timeoutSeconds: 1 }),
    })
    const t0 = Date.now()
    expect((await executeRun(run.id, { sshSlots: new Semaphore(10), killGraceSeconds: 1 })).status).toBe('timed_out')
    expect(Date.now() - t0).toBeLessThan(8_000)
    expect((await onlyTargetRun(run.id)).status).toBe('timed_out')
    expect(accountProcesses(ACCOUNT, `sleep ${marker}`)).toBe(0)
  })
})
