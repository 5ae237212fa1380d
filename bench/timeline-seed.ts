// The run the timeline benchmark opens: a finished run on N targets written straight into
// the database, as an engine would have left it, with a tenant admin to sign in as. No SSH:
// the page is what is measured, not the run.
import { db } from '@/lib/db'
import type { RunSnapshot } from '@/lib/engine/snapshot'
import { createTenant } from '@/lib/tenants/queries'
import { createUser, setMembership } from '@/lib/users/queries'

export interface SeededRun {
  slug: string
  runId: string
  email: string
  password: string
}

/** A deterministic stream in [0, 1): the same run every time the benchmark is run. */
function random(seed: number) {
  let s = seed
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0
    return s / 2 ** 32
  }
}

/**
 * Target-run times as a run with `parallelism` slots would produce them: each target starts
 * when the first slot frees, takes 2–6 s, one in a hundred straggles for 20–40 s.
 */
function schedule(targets: number, parallelism: number, start: number) {
  const next = random(42)
  const slots = Array<number>(parallelism).fill(start)
  return Array.from({ length: targets }, () => {
    let slot = 0
    for (let i = 1; i < slots.length; i++) if (slots[i] < slots[slot]) slot = i
    const began = slots[slot] + 5 + Math.floor(next() * 20)
    const took = next() < 0.01 ? 20_000 + next() * 20_000 : 2_000 + next() * 4_000
    slots[slot] = began + Math.round(took)
    return { startedAt: new Date(began), finishedAt: new Date(slots[slot]), failed: next() < 0.02 }
  })
}

export async function seedFinishedRun(targets: number, parallelism = 100): Promise<SeededRun> {
  const stamp = Date.now().toString(36)
  const tenant = await createTenant({ name: 'Bench timeline', slug: `bench-timeline-${stamp}` })
  const email = `bench-timeline-${stamp}@example.com`
  const password = 'bench-password'
  const user = await createUser({ name: 'Bench', email, password, isSystemAdmin: false })
  await setMembership({ userId: user.id, tenantId: tenant.id, role: 'admin' })
  // Someone has set the server up: without a system admin every page leads to /setup.
  await createUser({ name: 'Root', email: `root-${stamp}@example.com`, password, isSystemAdmin: true })

  const names = Array.from({ length: targets }, (_, i) => `t-${String(i).padStart(5, '0')}`)
  const snapshot: RunSnapshot = {
    steps: [
      {
        kind: 'script',
        scriptId: 'bench-script',
        scriptName: 'bench sleep',
        versionId: 'bench-version',
        version: 1,
        sha256: '0'.repeat(64),
        language: 'bash',
        content: 'sleep $((RANDOM % 5 + 2))\n',
        parameters: [],
        continueOnFailure: false,
        hosts: 'all',
        runAs: null,
      },
    ],
    targets: names.map((name) => ({ id: name, name, host: '127.0.0.1', port: 22, encoding: 'utf-8' })),
    limits: { parallelism, timeoutSeconds: 600, maxFailedCount: null, maxFailedPercent: null },
  }
  const start = Date.now() - 3_600_000
  const times = schedule(targets, parallelism, start)
  const run = await db.run.create({
    data: {
      tenantId: tenant.id,
      kind: 'script',
      scriptId: 'bench-script',
      status: times.some((t) => t.failed) ? 'failed' : 'succeeded',
      snapshot: JSON.stringify(snapshot),
      triggeredByType: 'user',
      triggeredById: user.id,
      triggeredByLabel: 'Bench',
      title: 'bench sleep v1',
      createdAt: new Date(start - 1000),
      startedAt: new Date(start),
      finishedAt: new Date(Math.max(...times.map((t) => t.finishedAt.getTime()))),
    },
    select: { id: true },
  })
  // In slices: SQLite binds at most 32,766 values in one statement.
  for (let from = 0; from < targets; from += 1000) {
    await db.targetRun.createMany({
      data: names.slice(from, from + 1000).map((name, i) => {
        const t = times[from + i]
        return {
          runId: run.id,
          tenantId: tenant.id,
          stepIndex: 0,
          targetId: name,
          targetName: name,
          status: t.failed ? 'failed' : 'succeeded',
          exitCode: t.failed ? 1 : 0,
          startedAt: t.startedAt,
          finishedAt: t.finishedAt,
        }
      }),
    })
  }
  return { slug: tenant.slug, runId: run.id, email, password }
}
