import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { addMember, findMember, listMembers, removeMember, updateMemberRole } from '@/lib/members/queries'
import { memberTable } from '@/lib/members/table'
import { makeMember, makeTenant, makeUser } from '../support/factories'

const firstPage = memberTable.cache.parse({})

describe(`tenant members are scoped (${process.env.FANOUT_TEST_DB})`, () => {
  it("lists only the scope's tenant, and searches case-insensitively", async () => {
    const [a, b] = [await makeTenant('A'), await makeTenant('B')]
    const admin = await makeMember(a.id, 'admin')
    const inA = await makeMember(a.id, 'viewer')
    await makeMember(b.id, 'viewer')
    const { rows, total } = await listMembers(admin.scope, firstPage)
    expect(total).toBe(2)
    expect(rows.map((r) => r.user.id).sort()).toEqual([admin.user.id, inA.user.id].sort())
    const found = await listMembers(admin.scope, { ...firstPage, q: inA.user.email.toUpperCase() })
    expect(found.rows.map((r) => r.user.id)).toEqual([inA.user.id])
  })

  it("cannot read, change or remove another tenant's membership by id", async () => {
    const [a, b] = [await makeTenant('A'), await makeTenant('B')]
    const adminA = await makeMember(a.id, 'admin')
    const victim = await makeMember(b.id, 'viewer')
    expect(await findMember(adminA.scope, victim.membership.id)).toBeNull()
    expect(await updateMemberRole(adminA.scope, victim.membership.id, 'admin')).toBe(false)
    expect(await removeMember(adminA.scope, victim.membership.id)).toBe(false)
    const still = await db.membership.findUniqueOrThrow({ where: { id: victim.membership.id } })
    expect(still.role).toBe('viewer')
  })

  it('adds an existing account by email without touching it, and creates a new one with a password', async () => {
    const a = await makeTenant('A')
    const admin = await makeMember(a.id, 'admin')
    const existing = await makeUser()
    const added = await addMember(admin.scope, { email: existing.email, role: 'operator', name: 'Renamed', password: 'x'.repeat(12) })
    expect(added).toMatchObject({ ok: true, userId: existing.id, created: false })
    const after = await db.user.findUniqueOrThrow({ where: { id: existing.id } })
    expect(after.name).toBe(existing.name)
    expect(after.passwordHash).toBe(existing.passwordHash)

    expect(await addMember(admin.scope, { email: existing.email, role: 'viewer' })).toMatchObject({ ok: false, field: 'email' })
    expect(await addMember(admin.scope, { email: 'new@example.test', role: 'viewer' })).toMatchObject({ ok: false, field: 'name' })
    const created = await addMember(admin.scope, { email: 'new@example.test', role: 'viewer', name: 'New', password: 'y'.repeat(12) })
    expect(created).toMatchObject({ ok: true, created: true })
  })
})
