import { readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { executeRun } from '@/lib/engine/execute-run'
import { readTargetRunOutput } from '@/lib/engine/output'
import { Semaphore } from '@/lib/engine/semaphore'
import { engineTarget, engineTenant, limits, queueRun, scriptStep } from '../support/engine-fixtures'
import { loginUserDir, type SshHost, startSshd } from '../support/sshd'

let host: SshHost
let dir: string
beforeAll(async () => {
  host = await startSshd()
  // Written by the scripts on the host (as the login user), read here.
  dir = await loginUserDir('fanout-hosts-')
})
afterAll(async () => {
  await host?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const rowsOf = async (runId: string, stepIndex: number) =>
  Object.fromEntries(
    (await db.targetRun.findMany({ where: { runId, stepIndex } })).map((t) => [t.targetName, t] as const),
  )

describe(`host lists between steps (${process.env.FANOUT_TEST_DB})`, () => {
  it('runs a failed-hosts-only step exactly on the hosts that failed, and hands every later step the lists', async () => {
    const scope = await engineTenant(host)
    const targets = await Promise.all(['h1', 'h2', 'h3', 'h4'].map((n) => engineTarget(scope, host, n)))
    const out = path.join(dir, `run-${Date.now()}`)
    const run = await queueRun(scope, {
      steps: [
        scriptStep('case "$FANOUT_TARGET_NAME" in h2|h4) echo "broken" >&2; exit 3;; esac\n', {
          continueOnFailure: true,
        }),
        // The remedy: only where step 1 failed. Each run leaves a file named after its host.
        scriptStep(
          [
            `mkdir -p ${out}/remedy`,
            `touch ${out}/remedy/$FANOUT_TARGET_NAME`,
            // Files in the script's private work dir, not the lists themselves.
            `[ "$(dirname "$FANOUT_PREV_FAILED")" = "$(dirname "$FANOUT_OUTPUT")" ] && echo private`,
            `cp "$FANOUT_PREV_SUCCEEDED" ${out}/succeeded-$FANOUT_TARGET_NAME`,
            `cp "$FANOUT_PREV_FAILED" ${out}/failed-$FANOUT_TARGET_NAME`,
          ].join('\n'),
          { hosts: 'prev_failed' },
        ),
        // Only where the remedy worked: the hosts the remedy never ran on did not succeed in step 2.
        scriptStep(`mkdir -p ${out}/after; touch ${out}/after/$FANOUT_TARGET_NAME\n`, { hosts: 'prev_succeeded' }),
      ],
      targets,
      limits: limits({ parallelism: 4 }),
    })

    expect((await executeRun(run.id, { sshSlots: new Semaphore(10) })).status).toBe('failed')
    expect(readdirSync(path.join(out, 'remedy')).sort()).toEqual(['h2', 'h4'])
    expect(readdirSync(path.join(out, 'after')).sort()).toEqual(['h2', 'h4'])
    for (const name of ['h2', 'h4']) {
      expect(readFileSync(path.join(out, `succeeded-${name}`), 'utf8')).toBe('h1\nh3\n')
      expect(readFileSync(path.join(out, `failed-${name}`), 'utf8')).toBe('h2\nh4\n')
    }

    const remedy = await rowsOf(run.id, 1)
    for (const name of ['h1', 'h3'])
      expect(remedy[name]).toMatchObject({
        status: 'skipped',
        error: 'Not run: the step runs only on hosts that failed in step 1',
      })
    for (const name of ['h2', 'h4']) expect(remedy[name]).toMatchObject({ status: 'succeeded', exitCode: 0 })
    expect((await readTargetRunOutput(scope, remedy.h2.id))?.stdout).toBe('private\n')
    const after = await rowsOf(run.id, 2)
    expect(after.h1).toMatchObject({
      status: 'skipped',
      error: 'Not run: the step runs only on hosts that succeeded in step 2',
    })
    expect(after.h4.status).toBe('succeeded')
  })

  it('gives the second step empty lists where nothing failed, and the first step none', async () => {
    const scope = await engineTenant(host)
    const targets = [await engineTarget(scope, host, 'solo')]
    const out = path.join(dir, `lists-${Date.now()}`)
    const run = await queueRun(scope, {
      steps: [
        scriptStep(`mkdir -p ${out}; echo "first:\${FANOUT_PREV_SUCCEEDED-unset}" > ${out}/first\n`),
        scriptStep(`wc -c < "$FANOUT_PREV_FAILED" > ${out}/failed; cat "$FANOUT_PREV_SUCCEEDED" > ${out}/ok\n`),
      ],
      targets,
      limits: limits(),
    })
    expect((await executeRun(run.id, { sshSlots: new Semaphore(10) })).status).toBe('succeeded')
    expect(readFileSync(path.join(out, 'first'), 'utf8')).toBe('first:unset\n')
    expect(readFileSync(path.join(out, 'failed'), 'utf8').trim()).toBe('0')
    expect(readFileSync(path.join(out, 'ok'), 'utf8')).toBe('solo\n')
  })
})
