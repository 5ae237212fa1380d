import iconv from 'iconv-lite'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { readTargetRunOutput } from '@/lib/engine/output'
import { RunOutputSink } from '@/lib/engine/output-sink'
import { runRow, targetRunRow } from '../support/engine-fixtures'
import { makeTenant } from '../support/factories'

async function runWithTargets(encodings: string[]) {
  const tenant = await makeTenant()
  const run = await runRow(tenant.id, { status: 'running' })
  const targetRuns = await Promise.all(encodings.map((encoding, i) => targetRunRow(run, `t${i}`, { encoding })))
  return { scope: { tenantId: tenant.id }, run, targetRuns }
}

/**
 * Holds the output table's lock from another connection: the database turns slow. PostgreSQL
 * only: on SQLite the driver waits for a lock synchronously, stalling the whole process (its
 * SSH reads included), so there a slow database cannot outrun anything.
 */
async function lockOutputTable() {
  if (process.env.FANOUT_TEST_DB !== 'postgresql') return null
  const other = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await other.connect()
  await other.query('BEGIN')
  await other.query('LOCK TABLE "OutputChunk" IN EXCLUSIVE MODE')
  return async () => {
    await other.query('COMMIT')
    await other.end()
  }
}

describe(`output storage (${process.env.FANOUT_TEST_DB})`, () => {
  it('keeps stdout and stderr of each target apart, in order, in few batched writes', async () => {
    const { scope, run, targetRuns } = await runWithTargets(['utf-8', 'utf-8'])
    const [a, b] = targetRuns
    const sink = new RunOutputSink(run.id, { capBytes: 1024 * 1024, flushIntervalMs: 50 })
    for (let i = 0; i < 500; i++) {
      sink.write(a.id, 'stdout', Buffer.from(`a-out ${i}\n`))
      sink.write(b.id, i % 2 ? 'stderr' : 'stdout', Buffer.from(`b ${i}\n`))
    }
    sink.write(a.id, 'stderr', Buffer.from('a-err\n'))
    await sink.close()

    const outA = await readTargetRunOutput(scope, a.id)
    expect(outA?.stdout).toBe(Array.from({ length: 500 }, (_, i) => `a-out ${i}\n`).join(''))
    expect(outA?.stderr).toBe('a-err\n')
    const outB = await readTargetRunOutput(scope, b.id)
    expect(outB?.stdout.split('\n').length).toBe(251)
    expect(outB?.stderr.startsWith('b 1\nb 3\n')).toBe(true)
    const stored = await db.targetRun.findUniqueOrThrow({ where: { id: a.id } })
    expect(stored).toMatchObject({ stdoutBytes: outA!.stdout.length, stderrBytes: 6, stdoutDropped: 0 })
    // 1,001 writes arrive as one row per target-run and stream, not one row per write.
    const seqs = (
      await db.outputChunk.findMany({ where: { runId: run.id }, orderBy: { seq: 'asc' }, select: { seq: true } })
    ).map((c) => c.seq)
    expect(seqs).toEqual([0, 1, 2, 3])
  })

  it('caps each stream, counting what it dropped, and keeps the rest', async () => {
    const { scope, run, targetRuns } = await runWithTargets(['utf-8'])
    const [t] = targetRuns
    const sink = new RunOutputSink(run.id, { capBytes: 1000 })
    for (let i = 0; i < 30; i++) sink.write(t.id, 'stdout', Buffer.alloc(100, 'x'))
    sink.write(t.id, 'stderr', Buffer.from('still kept'))
    await sink.close()
    const out = await readTargetRunOutput(scope, t.id)
    // What was kept, then a line a reader cannot miss saying how much is missing.
    expect(out?.stdout).toBe(`${'x'.repeat(1000)}\n[output truncated: 2,000 more bytes (0.0 MiB) were not stored]\n`)
    expect(out?.stdoutDropped).toBe(2000)
    expect(out?.stderr).toBe('still kept')
    expect((await db.targetRun.findUniqueOrThrow({ where: { id: t.id } })).stdoutBytes).toBe(3000)
  })

  it("decodes with the target's encoding, even a character split across chunks, and survives invalid bytes", async () => {
    const { scope, run, targetRuns } = await runWithTargets(['gbk', 'utf-8'])
    const [gbk, utf8] = targetRuns
    const text = '你好，世界 — 部署完成\n'
    const bytes = iconv.encode(text, 'gbk')
    const sink = new RunOutputSink(run.id, { capBytes: 1 << 20 })
    for (let i = 0; i < bytes.length; i += 3) {
      sink.write(gbk.id, 'stdout', bytes.subarray(i, i + 3))
      await sink.flush()
    }
    sink.write(utf8.id, 'stdout', Buffer.from([0x6f, 0x6b, 0xff, 0xfe, 0x0a]))
    await sink.close()
    expect((await readTargetRunOutput(scope, gbk.id))?.stdout).toBe(text)
    expect((await readTargetRunOutput(scope, utf8.id))?.stdout).toBe('ok\uFFFD\uFFFD\n')
  })

  it('makes writers wait while the database is slower than the hosts, instead of buffering without bound', async () => {
    const { scope, run, targetRuns } = await runWithTargets(['utf-8'])
    const [t] = targetRuns
    const maxBufferedBytes = 1 << 20
    const sink = new RunOutputSink(run.id, { capBytes: 64 << 20, maxBufferedBytes, flushIntervalMs: 20 })
    const unlock = await lockOutputTable()
    const chunk = Buffer.alloc(32 * 1024, 'y')
    let accepted = 0
    let wait: Promise<void> | undefined
    // A host that stops only when told to: everything before that is buffered in memory.
    while (!wait && accepted < 16 << 20) {
      wait = sink.write(t.id, 'stdout', chunk)
      accepted += chunk.length
    }
    expect(wait).toBeInstanceOf(Promise)
    expect(accepted).toBeLessThanOrEqual(maxBufferedBytes + chunk.length)
    if (unlock) {
      let released = false
      void wait!.then(() => (released = true))
      await new Promise((r) => setTimeout(r, 400))
      expect(released).toBe(false)
      await unlock()
    }
    await wait
    await sink.close()
    const out = await readTargetRunOutput(scope, t.id)
    expect(out?.stdout).toBe('y'.repeat(accepted))
  })

  it("never reads another tenant's output", async () => {
    const { run, targetRuns } = await runWithTargets(['utf-8'])
    const sink = new RunOutputSink(run.id, { capBytes: 100 })
    sink.write(targetRuns[0].id, 'stdout', Buffer.from('secret output'))
    await sink.close()
    const other = await makeTenant()
    expect(await readTargetRunOutput({ tenantId: other.id }, targetRuns[0].id)).toBeNull()
  })
})
