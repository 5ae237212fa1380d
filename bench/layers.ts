// Fanout without its database, layer by layer, to tell where its time goes: the same
// targets and concurrency as the full run, in the runner process.
//   lib_ssh   lib/ssh connect() + exec('echo hello') + close(): Fanout's SSH layer alone.
//   wrapper   lib/ssh connect() + the engine's runScriptOnTarget (the script wrapper sent
//             on stdin, then the output-parameter collection) + close().
// The full run adds, per target, the DB reads and writes of the engine and the output sink.
import { randomUUID } from 'node:crypto'
import { mapWithConcurrency } from '@/lib/concurrency'
import { runScriptOnTarget } from '@/lib/engine/execute-target'
import { connect } from '@/lib/ssh'
import type { SshdAddress } from './protocol'

export type Layer = 'lib_ssh' | 'wrapper'

export async function runLayer(
  layer: Layer,
  opts: { sshds: SshdAddress[]; targets: number; concurrency: number; username: string; privateKey: string },
): Promise<Buffer[]> {
  const runId = randomUUID()
  const indexes = Array.from({ length: opts.targets }, (_, i) => i)
  return mapWithConcurrency(indexes, opts.concurrency, async (i) => {
    const address = opts.sshds[i % opts.sshds.length]
    const name = `t-${String(i).padStart(5, '0')}`
    const conn = await connect({
      target: {
        id: `target:${name}`,
        label: name,
        ...address,
        username: opts.username,
        credential: { type: 'key', privateKey: opts.privateKey },
        hostKey: { fingerprint: null },
      },
    })
    const out: Buffer[] = []
    try {
      if (layer === 'lib_ssh') {
        await conn.exec('echo hello', { onStdout: (c) => out.push(Buffer.from(c)) })
      } else {
        const outcome = await runScriptOnTarget(conn, {
          invocation: {
            workDir: `fanout-${runId}-${i}`,
            language: 'bash',
            content: 'echo hello\n',
            args: [],
            env: { FANOUT_TARGET_NAME: name, FANOUT_RUN_ID: runId },
          },
          timeoutMs: 600_000,
          onStdout: (c) => out.push(Buffer.from(c)),
        })
        if (outcome.status !== 'succeeded') throw new Error(`${name}: ${outcome.status} ${outcome.error ?? ''}`)
      }
    } finally {
      await conn.close()
    }
    return Buffer.concat(out)
  })
}
