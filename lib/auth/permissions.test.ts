import { describe, expect, it } from 'vitest'
import { can, platformPermissions, tenantRoles } from './permissions'

describe('permission matrix', () => {
  it('lets a viewer read but change nothing', () => {
    expect(can('viewer', 'runs.read')).toBe(true)
    expect(can('viewer', 'members.read')).toBe(true)
    for (const p of ['runs.start', 'runs.cancel', 'scripts.write', 'targets.write', 'members.manage'] as const) {
      expect(can('viewer', p), p).toBe(false)
    }
  })

  it('lets an operator run and cancel but not change scripts, targets or members', () => {
    expect(can('operator', 'runs.start')).toBe(true)
    expect(can('operator', 'runs.cancel')).toBe(true)
    expect(can('operator', 'scripts.write')).toBe(false)
    expect(can('operator', 'targets.write')).toBe(false)
    expect(can('operator', 'members.manage')).toBe(false)
  })

  it('gives platform permissions to system admins only', () => {
    for (const p of platformPermissions) {
      expect(can('system_admin', p)).toBe(true)
      for (const role of tenantRoles) expect(can(role, p), `${role} ${p}`).toBe(false)
    }
  })

  it('denies unknown roles and permissions', () => {
    expect(can(null, 'tenant.read')).toBe(false)
    expect(can('owner' as never, 'tenant.read')).toBe(false)
    expect(can('admin', 'nonsense' as never)).toBe(false)
  })
})
