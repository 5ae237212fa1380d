import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encryptSecret } from '@/lib/crypto/envelope'
import { db } from '@/lib/db'
import { executeRun } from '@/lib/engine/execute-run'
import { readTargetRunOutput } from '@/lib/engine/output'
import { Semaphore } from '@/lib/engine/semaphore'
import { type SshHost, startSshd } from '../support/sshd'
import { engineTarget, engineTenant, limits, queueRun, scriptStep } from '../support/engine-fixtures'

let host: SshHost
beforeAll(async () => {
  host = await startSshd()
})
afterAll(async () => {
  await host?.stop()
})

const SECRET = 'correct-horse-battery-staple'

describe(`secret parameters in output (${process.env.FANOUT_TEST_DB})`, () => {
  it('are stored as ****** on both streams and in output parameters, yet later steps get the value', async () => {
    const scope = await engineTenant(host)
    const target = await engineTarget(scope, host, 'box')
    const parameters = [{ name: 'TOKEN', value: encryptSecret(SECRET), secret: true }]
    // printf splits the secret over several writes, as a chunked stream would.
    const first = scriptStep(
      [
        'echo "token is $1"',
        'printf "%s" "${1:0:5}"; sleep 0.3; printf "%s\\n" "${1:5}"',
        'echo "on stderr: $FANOUT_PARAM_TOKEN" >&2',
        'echo "COPY=$1" >> "$FANOUT_OUTPUT"',
      ].join('\n'),
      { parameters },
    )
    const second = scriptStep('[ "$FANOUT_OUT_COPY" = "$EXPECTED" ] && echo "next step got it" || echo mismatch', {
      parameters: [],
    })
    second.content = `EXPECTED='${SECRET}'\n${second.content}`
    const run = await queueRun(scope, { steps: [first, second], targets: [target], limits: limits() })
    const result = await executeRun(run.id, { sshSlots: new Semaphore(4) })
    expect(result.status).toBe('succeeded')
    const [one, two] = await db.targetRun.findMany({ where: { runId: run.id }, orderBy: { stepIndex: 'asc' } })
    const output = (await readTargetRunOutput(scope, one.id))!
    expect(output.stdout).toBe('token is ******\n******\n')
    expect(output.stderr).toBe('on stderr: ******\n')
    expect(JSON.parse(one.outputs!)).toEqual({ COPY: '******' })
    expect((await readTargetRunOutput(scope, two.id))!.stdout).toBe('next step got it\n')
    const stored = await db.outputChunk.findMany({ where: { runId: run.id } })
    expect(Buffer.concat(stored.map((c) => Buffer.from(c.data))).toString()).not.toContain(SECRET.slice(0, 8))
  })
})
