import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { defaultDangerRules } from '@/lib/danger-rules/defaults'
import {
  checkContent,
  createDangerRule,
  deleteDangerRule,
  ensureDefaultRules,
  findDangerRule,
  listDangerRules,
  listEnabledRules,
  patternTooSlow,
  setDangerRuleEnabled,
  updateDangerRule,
} from '@/lib/danger-rules/queries'
import { ruleTable } from '@/lib/danger-rules/table'
import { createScript, updateScript } from '@/lib/scripts/save'
import { makeMember, makeTenant } from '../support/factories'

const firstPage = ruleTable.cache.parse({ perPage: '100' })

describe(`dangerous-command rules (${process.env.FANOUT_TEST_DB})`, () => {
  it('seeds the defaults once per tenant, even on concurrent first reads', async () => {
    const tenant = await makeTenant()
    const { scope } = await makeMember(tenant.id, 'admin')
    await Promise.all([ensureDefaultRules(tenant.id), ensureDefaultRules(tenant.id), listDangerRules(scope, firstPage)])
    const { rows, total } = await listDangerRules(scope, firstPage)
    expect(total).toBe(defaultDangerRules.length)
    expect(rows.map((r) => r.description).sort()).toEqual(defaultDangerRules.map((r) => r.description).sort())
  })

  it('does not bring back a default an admin deleted', async () => {
    const tenant = await makeTenant()
    const { scope } = await makeMember(tenant.id, 'admin')
    const { rows } = await listDangerRules(scope, firstPage)
    expect(await deleteDangerRule(scope, rows[0].id)).toBe(true)
    await ensureDefaultRules(tenant.id)
    expect((await listDangerRules(scope, firstPage)).total).toBe(defaultDangerRules.length - 1)
  })

  it("cannot read, change or delete another tenant's rule", async () => {
    const [a, b] = [await makeTenant('A'), await makeTenant('B')]
    const adminA = await makeMember(a.id, 'admin')
    const adminB = await makeMember(b.id, 'admin')
    const theirs = await createDangerRule(adminB.scope, {
      pattern: 'theirs',
      action: 'block',
      description: 'B only',
      enabled: true,
    })
    expect(await findDangerRule(adminA.scope, theirs.id)).toBeNull()
    expect(
      await updateDangerRule(adminA.scope, theirs.id, {
        pattern: 'x',
        action: 'warn',
        description: 'x',
        enabled: false,
      }),
    ).toBe(false)
    expect(await setDangerRuleEnabled(adminA.scope, theirs.id, false)).toBe(false)
    expect(await deleteDangerRule(adminA.scope, theirs.id)).toBe(false)
    expect(await db.dangerRule.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      pattern: 'theirs',
      enabled: true,
    })
    expect((await listDangerRules(adminA.scope, { ...firstPage, q: 'B only' })).total).toBe(0)
    // B's rule does not apply to A's scripts.
    expect((await checkContent(adminA.scope, 'theirs')).blocked).toEqual([])
    expect((await checkContent(adminB.scope, 'theirs')).blocked).toHaveLength(1)
  })

  it('checks content against enabled rules only, split into blocked and warnings', async () => {
    const tenant = await makeTenant()
    const { scope } = await makeMember(tenant.id, 'admin')
    const content = '#!/bin/bash\nrm -rf ./build\nrm -rf /\nreboot\n'
    const first = await checkContent(scope, content)
    expect(first.blocked.map((m) => [m.line, m.description])).toEqual([[3, 'rm on the root directory (rm -rf /)']])
    expect(first.warnings.map((m) => m.line)).toEqual([4])

    const rm = (await listEnabledRules(scope)).find((r) => r.description.startsWith('rm on the root'))!
    await setDangerRuleEnabled(scope, rm.id, false)
    expect((await checkContent(scope, content)).blocked).toEqual([])

    await createDangerRule(scope, {
      pattern: String.raw`\bbuild\b`,
      action: 'block',
      description: 'No builds here',
      enabled: true,
    })
    expect((await checkContent(scope, content)).blocked.map((m) => m.line)).toEqual([2])
  })

  it('filters and searches the rules list', async () => {
    const tenant = await makeTenant()
    const { scope } = await makeMember(tenant.id, 'admin')
    await createDangerRule(scope, {
      pattern: 'curl .*\\| *sh',
      action: 'warn',
      description: 'Pipes a download into a shell',
      enabled: true,
    })
    const warns = await listDangerRules(scope, { ...firstPage, action: 'warn' })
    expect(warns.rows.every((r) => r.action === 'warn')).toBe(true)
    expect((await listDangerRules(scope, { ...firstPage, q: 'DOWNLOAD' })).rows.map((r) => r.description)).toEqual([
      'Pipes a download into a shell',
    ])
  })

  it('names the script and line where a new pattern runs out of time: current versions of this tenant only', async () => {
    const [tenant, other] = [await makeTenant(), await makeTenant()]
    const { scope } = await makeMember(tenant.id, 'admin')
    const fields = (content: string) => ({
      language: 'bash' as const,
      description: '',
      content,
      parameters: [],
      message: '',
    })
    await createScript(scope, { name: 'fine', ...fields('echo fine\n') })
    const slow = await createScript(scope, { name: 'repeats', ...fields(`echo start\necho ${'a'.repeat(64)}!\n`) })
    expect(await patternTooSlow(scope, '(a+)+$')).toBe(
      'This pattern takes too long on line 2 of the script “repeats”: simplify it.',
    )
    expect(await patternTooSlow(scope, String.raw`\brm\s+-rf\b`)).toBeNull()
    expect(await patternTooSlow((await makeMember(other.id, 'admin')).scope, '(a+)+$')).toBeNull()

    // Once a newer version replaced the line, the old one no longer counts.
    if (!slow.ok) throw new Error(slow.reason)
    expect((await updateScript(scope, slow.scriptId, 1, { name: 'repeats', ...fields('echo short\n') })).ok).toBe(true)
    expect(await patternTooSlow(scope, '(a+)+$')).toBeNull()
  })
})
