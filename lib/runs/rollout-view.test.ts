import { describe, expect, it } from 'vitest'
import { rolloutSchema } from '@/lib/engine/rollout'
import type { LiveGate, LiveTargetRun } from './live'
import { gatePlace, type RunPlanInfo, rolloutRows } from './rollout-view'
import type { TargetRunStatus } from './statuses'

const script = { kind: 'script', label: 'deploy v3' }
const approve = { kind: 'confirm', label: 'Approve', confirmation: rolloutSchema.parse({}).confirm }
const canaryThenAll = rolloutSchema.parse({
  mode: 'run',
  canary: { value: 1, unit: 'hosts' },
  batch: { value: 100, unit: 'percent' },
  between: 'confirm',
})

function tr(name: string, stepIndex: number, batch: number, status: TargetRunStatus, started = true): LiveTargetRun {
  return {
    id: `${name}-${stepIndex}`,
    stepIndex,
    batch,
    targetId: name,
    targetName: name,
    status,
    exitCode: null,
    error: null,
    outputHash: null,
    stdoutBytes: 0,
    stderrBytes: 0,
    stdoutDropped: 0,
    stderrDropped: 0,
    startedAt: started ? '2026-03-01T10:00:00.000Z' : null,
    finishedAt: null,
  }
}

function gate(key: string, stepIndex: number, batch: number, status: LiveGate['status'] = 'waiting'): LiveGate {
  return {
    key,
    stepIndex,
    batch,
    message: '',
    status,
    createdAt: '2026-03-01T10:00:00.000Z',
    timeoutAt: null,
    decidedAt: null,
    decidedBy: null,
    comment: null,
  }
}

const plan: RunPlanInfo = { steps: [script], rollout: canaryThenAll, targetCount: 3 }
const counts = (rows: ReturnType<typeof rolloutRows>) => rows.map((r) => [r.label, r.hosts, r.state, r.counts])

describe('rolloutRows', () => {
  it('shows the canary done and the next batch waiting while the run waits at the gate before it', () => {
    const rows = rolloutRows(plan, { status: 'waiting', gates: [gate('batch:2', 0, 2)] }, [
      tr('a', 0, 1, 'succeeded'),
      tr('b', 0, 2, 'queued', false),
      tr('c', 0, 2, 'queued', false),
    ])
    expect(counts(rows)).toEqual([
      ['Canary', 1, 'done', [{ status: 'succeeded', count: 1 }]],
      ['Batch 2', 2, 'waiting', [{ status: 'queued', count: 2 }]],
    ])
  })

  it('marks batches a finished run never reached as stopped, and the one in progress as running', () => {
    const aborted = rolloutRows(plan, { status: 'cancelled', gates: [gate('batch:2', 0, 2, 'aborted')] }, [
      tr('a', 0, 1, 'succeeded'),
      tr('b', 0, 2, 'cancelled', false),
      tr('c', 0, 2, 'cancelled', false),
    ])
    expect(aborted.map((r) => r.state)).toEqual(['done', 'stopped'])
    const resumed = rolloutRows(plan, { status: 'running', gates: [gate('batch:2', 0, 2, 'continued')] }, [
      tr('a', 0, 1, 'succeeded'),
      tr('b', 0, 2, 'succeeded'),
      tr('c', 0, 2, 'queued', false),
    ])
    expect(resumed.map((r) => r.state)).toEqual(['done', 'running'])
    const queued = rolloutRows(plan, { status: 'queued', gates: [] }, [])
    expect(queued.map((r) => r.state)).toEqual(['not_started', 'not_started'])
  })

  it('lays out each step’s batches when steps roll out one by one; none without a rollout', () => {
    const perStep = { ...canaryThenAll, mode: 'steps' as const, between: 'none' as const }
    const rows = rolloutRows(
      { steps: [script, script], rollout: perStep, targetCount: 3 },
      { status: 'running', gates: [] },
      [tr('a', 0, 1, 'succeeded'), tr('b', 0, 2, 'running'), tr('a', 1, 1, 'queued', false)],
    )
    expect(counts(rows).map(([label, hosts, state]) => [label, hosts, state])).toEqual([
      ['Step 1 · Canary', 1, 'done'],
      ['Step 1 · Batch 2', 2, 'running'],
      ['Step 2 · Canary', 1, 'not_started'],
      ['Step 2 · Batch 2', 2, 'not_started'],
    ])
    expect(rolloutRows({ ...plan, rollout: null }, { status: 'running', gates: [] }, [])).toEqual([])
  })
})

describe('gatePlace', () => {
  it('names a confirmation step by its step, a pause between batches by the batch it stands before', () => {
    const steps = { ...plan, steps: [script, approve, script] }
    expect(gatePlace({ stepIndex: 1, batch: 0 }, { ...steps, rollout: null })).toBe('Step 2 (Approve)')
    expect(gatePlace({ stepIndex: 1, batch: 1 }, steps)).toBe('Step 2 (Approve), Canary')
    expect(gatePlace({ stepIndex: 0, batch: 2 }, steps)).toBe('Before Batch 2')
    const perStep = { ...steps, rollout: { ...canaryThenAll, mode: 'steps' as const } }
    expect(gatePlace({ stepIndex: 2, batch: 2 }, perStep)).toBe('Before Step 3 (deploy v3) on Batch 2')
  })
})
