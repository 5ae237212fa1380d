import { describe, expect, it } from 'vitest'
import { batchNumbers, batchSizes, rolloutSchema, runPlan } from '@/lib/engine/rollout'

const rollout = (r: object) => rolloutSchema.parse(r)
const confirm = rolloutSchema.shape.confirm.parse({})

describe('batches', () => {
  it('takes the canary first, then full batches, then the rest', () => {
    const r = rollout({ mode: 'steps', canary: { value: 1, unit: 'hosts' }, batch: { value: 4, unit: 'hosts' } })
    expect(batchSizes(10, r)).toEqual([1, 4, 4, 1])
    expect(batchNumbers(6, r)).toEqual([1, 2, 2, 2, 2, 3])
  })

  it('rounds percentages up and never makes an empty batch', () => {
    const r = rollout({ mode: 'run', canary: { value: 5, unit: 'percent' }, batch: { value: 30, unit: 'percent' } })
    expect(batchSizes(10, r)).toEqual([1, 3, 3, 3])
    expect(batchSizes(1, r)).toEqual([1])
  })

  it('puts everything in one unnumbered batch when off', () => {
    expect(batchSizes(7, rollout({}))).toEqual([7])
    expect(batchNumbers(3, rollout({}))).toEqual([0, 0, 0])
  })

  it('refuses a percentage over 100', () => {
    expect(rolloutSchema.safeParse({ mode: 'steps', batch: { value: 120, unit: 'percent' } }).success).toBe(false)
  })
})

describe('the plan', () => {
  const steps = [{ kind: 'script' }, { kind: 'confirm', confirmation: confirm }, { kind: 'file' }]

  it('without batches: each step once, a confirmation step as a gate', () => {
    expect(runPlan(steps, rollout({}), 1)).toEqual([
      { kind: 'run', stepIndex: 0, batch: 0, endsBatch: false },
      { kind: 'gate', key: 'step:1', stepIndex: 1, batch: 0, between: false, confirmation: confirm },
      { kind: 'run', stepIndex: 2, batch: 0, endsBatch: false },
    ])
  })

  it('each step in batches: a delay between the batches of a step, never before its first', () => {
    const plan = runPlan(
      [{ kind: 'script' }, { kind: 'file' }],
      rollout({ mode: 'steps', between: 'delay', delaySeconds: 5 }),
      2,
    )
    expect(plan.map((p) => (p.kind === 'delay' ? `wait ${p.seconds}` : `${p.kind} ${p.stepIndex}/${p.batch}`))).toEqual(
      ['run 0/1', 'wait 5', 'run 0/2', 'run 1/1', 'wait 5', 'run 1/2'],
    )
  })

  it('the whole run in batches: every step per batch, a confirmation between batches, the last step ends each', () => {
    const plan = runPlan(steps, rollout({ mode: 'run', between: 'confirm' }), 2)
    expect(
      plan.map((p) =>
        p.kind === 'gate'
          ? `ask ${p.key}`
          : p.kind === 'run'
            ? `run ${p.stepIndex}/${p.batch}${p.endsBatch ? ' end' : ''}`
            : p.kind,
      ),
    ).toEqual([
      'run 0/1',
      'ask step:1:batch:1',
      'run 2/1 end',
      'ask batch:2',
      'run 0/2',
      'ask step:1:batch:2',
      'run 2/2 end',
    ])
  })
})
