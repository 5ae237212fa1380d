import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { afterAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { spawnChild } from '../support/engine-process'
import { firesOf, secondAfter, sleepUntil, tenantForTasks } from './helpers'
import { until } from '../support/until'

const children: ChildProcess[] = []
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

/** A server process running only the scheduler on this test file's database; `lines` grows as it prints. */
async function startSchedulerProcess() {
  const proc = spawnChild('scheduler-child.ts', { FANOUT_SCHEDULER_SYNC: '1' })
  children.push(proc)
  const lines: string[] = []
  let output = ''
  proc.stdout!.on('data', (chunk: Buffer) => {
    output += chunk
    const end = output.lastIndexOf('\n') + 1
    lines.push(...output.slice(0, end).split('\n').filter(Boolean))
    output = output.slice(end)
  })
  let errors = ''
  proc.stderr!.on('data', (chunk: Buffer) => (errors += chunk))
  await until(
    'the scheduler process to start',
    async () => (proc.exitCode === null ? lines : errors || `exited ${proc.exitCode}`),
    (seen) => Array.isArray(seen) && seen.includes('scheduler ready'),
    { ms: 30_000 },
  )
  return { proc, lines }
}

/** What one process reported about a task's fires: scheduled time → outcome ('taken': another process had it). */
function reported(lines: string[], taskId: string) {
  const attempts = new Map<number, string>()
  for (const line of lines) {
    const [word, id, at, outcome] = line.split(' ')
    if (word === 'fire' && id === taskId) attempts.set(new Date(at).getTime(), outcome)
  }
  return attempts
}

// Replicas share PostgreSQL; SQLite serves one server process (ARCHITECTURE.md, "Where it
// goes at scale"). Two schedulers on one SQLite file are tested in-process in firing.db.test.ts.
describe.runIf(process.env.FANOUT_TEST_DB === 'postgresql')('several server processes on one PostgreSQL', () => {
  it('run a per-second task once per second between them, and on when one is killed: no fire twice, none lost', async () => {
    const tenant = await tenantForTasks()
    const servers = await Promise.all([startSchedulerProcess(), startSchedulerProcess()])
    // Created while both run: each picks it up at its next sync, as after an edit on another server.
    const task = await tenant.task({ overlap: 'allow' })
    await until(
      'both processes to fire the task',
      async () => servers.map((s) => reported(s.lines, task.id).size),
      (sizes) => sizes.every((n) => n > 0),
    )
    const from = secondAfter(500).getTime()
    const to = from + 20_000
    // Halfway, one replica dies outright: the other fires every second that follows.
    const killedAt = from + 10_000
    await sleepUntil(killedAt - 500)
    servers[0].proc.kill('SIGKILL')
    await sleepUntil(to + 500)
    servers[1].proc.kill('SIGTERM')
    await Promise.all(
      servers.map(({ proc }) => (proc.exitCode === null && proc.signalCode === null ? once(proc, 'exit') : null)),
    )

    const seconds = Array.from({ length: 20 }, (_, i) => from + i * 1000)
    const fires = (await firesOf(task.id)).filter(
      (f) => f.scheduledFor.getTime() >= from && f.scheduledFor.getTime() < to,
    )
    expect(fires.map((f) => f.scheduledFor.getTime())).toEqual(seconds)
    expect(fires.every((f) => f.outcome === 'queued' && f.runId)).toBe(true)
    const runs = await db.run.findMany({ where: { taskId: task.id }, select: { id: true } })
    const allFires = await firesOf(task.id)
    expect(runs.map((r) => r.id).sort()).toEqual(allFires.map((f) => f.runId).sort())

    // While both ran, both tried every fire and exactly one won each; then the survivor had them all.
    const [a, b] = servers.map((s) => reported(s.lines, task.id))
    for (const second of seconds.filter((t) => t < killedAt - 1000)) {
      expect([a.get(second), b.get(second)].sort()).toEqual(['queued', 'taken'])
    }
    for (const second of seconds.filter((t) => t >= killedAt)) expect(b.get(second)).toBe('queued')
  }, 90_000)
})
