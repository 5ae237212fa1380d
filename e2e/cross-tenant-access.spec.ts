import { readFileSync } from 'node:fs'
import { expect, type Page, test } from '@playwright/test'
import { callAction, e2eDatabase } from './server-actions'
import { admin, setUpTenants, signIn, switchUser } from './support'

// Every boundary that exists so far, crossed on purpose over HTTP.

test.describe.configure({ mode: 'serial' })

const password = 'boundary-password-1'
const people = {
  initechAdmin: 'ia@initech.test',
  initechOperator: 'io@initech.test',
  initechViewer: 'iv@initech.test',
  umbrellaAdmin: 'ua@umbrella.test',
}

const as = (page: Page, email: string) => switchUser(page, email, password)

function membershipId(email: string, slug: string): string {
  const db = e2eDatabase()
  try {
    const row = db
      .prepare(
        'SELECT m.id FROM Membership m JOIN User u ON u.id = m.userId JOIN Tenant t ON t.id = m.tenantId WHERE u.email = ? AND t.slug = ?',
      )
      .get(email, slug) as { id: string } | undefined
    if (!row) throw new Error(`no membership of ${email} in ${slug}`)
    return row.id
  } finally {
    db.close()
  }
}

function tenantId(slug: string): string {
  const db = e2eDatabase()
  try {
    return (db.prepare('SELECT id FROM Tenant WHERE slug = ?').get(slug) as { id: string }).id
  } finally {
    db.close()
  }
}

test('set up two tenants through the admin actions', async ({ page }) => {
  await setUpTenants(
    page,
    [
      ['Initech', 'initech'],
      ['Umbrella', 'umbrella'],
    ],
    [
      [people.initechAdmin, 'initech', 'admin'],
      [people.initechOperator, 'initech', 'operator'],
      [people.initechViewer, 'initech', 'viewer'],
      [people.umbrellaAdmin, 'umbrella', 'admin'],
    ],
    password,
  )
})

test("a tenant admin cannot see, change or remove another tenant's members", async ({ page }) => {
  const request = await as(page, people.initechAdmin)
  const victim = membershipId(people.umbrellaAdmin, 'umbrella')

  for (const tenant of ['initech', 'umbrella']) {
    const update = await callAction(request, '/initech/settings', 'updateMemberAction', {
      tenant,
      membershipId: victim,
      role: 'viewer',
    })
    expect(update.serverError).toBe('Not found.')
    const remove = await callAction(request, '/initech/settings', 'removeMemberAction', {
      tenant,
      membershipId: victim,
    })
    expect(remove.serverError).toBe('Not found.')
  }
  const add = await callAction(request, '/initech/settings', 'addMemberAction', {
    tenant: 'umbrella',
    email: people.initechAdmin,
    role: 'admin',
  })
  expect(add.serverError).toBe('Not found.')

  const db = e2eDatabase()
  const role = (db.prepare('SELECT role FROM Membership WHERE id = ?').get(victim) as { role: string }).role
  db.close()
  expect(role).toBe('admin')

  expect((await page.goto('/umbrella'))?.status()).toBe(404)
  expect((await page.goto('/umbrella/settings'))?.status()).toBe(404)
  expect((await page.goto('/admin/users'))?.status()).toBe(404)
})

test('viewers and operators are refused tenant admin actions', async ({ page }) => {
  for (const email of [people.initechViewer, people.initechOperator]) {
    const request = await as(page, email)
    const target = membershipId(people.initechAdmin, 'initech')
    const calls = [
      callAction(request, '/initech/settings', 'addMemberAction', {
        tenant: 'initech',
        email: 'x@initech.test',
        role: 'admin',
        name: 'X',
        password,
      }),
      callAction(request, '/initech/settings', 'updateMemberAction', {
        tenant: 'initech',
        membershipId: target,
        role: 'viewer',
      }),
      callAction(request, '/initech/settings', 'removeMemberAction', { tenant: 'initech', membershipId: target }),
    ]
    for (const r of await Promise.all(calls))
      expect(r.serverError, email).toBe('You do not have permission to do that.')
  }
  const db = e2eDatabase()
  expect(db.prepare("SELECT count(*) AS n FROM User WHERE email = 'x@initech.test'").get()).toEqual({ n: 0 })
  db.close()
})

test('non-admins are refused every system admin action, which answer "not found"', async ({ page }) => {
  const request = await as(page, people.initechAdmin)
  const db = e2eDatabase()
  const me = db.prepare('SELECT id FROM User WHERE email = ?').get(people.initechAdmin) as { id: string }
  db.close()
  const attempts = [
    callAction(request, '/admin', 'createTenantAction', { name: 'Evil', slug: 'evil' }),
    callAction(request, '/admin', 'updateTenantAction', { id: tenantId('umbrella'), name: 'Pwned', disabled: true }),
    callAction(request, '/admin/users', 'createUserAction', {
      name: 'Evil',
      email: 'evil@x.test',
      password,
      isSystemAdmin: true,
    }),
    callAction(request, '/admin/users', 'updateUserAction', {
      id: me.id,
      name: 'Me',
      isSystemAdmin: true,
      disabled: false,
    }),
    callAction(request, '/admin/users', 'setMembershipAction', {
      userId: me.id,
      tenantId: tenantId('umbrella'),
      role: 'admin',
    }),
    callAction(request, '/admin/users', 'resetPasswordAction', { id: me.id, password: 'new-password-123' }),
  ]
  for (const r of await Promise.all(attempts)) expect(r.serverError).toBe('Not found.')
  expect((await page.goto('/umbrella'))?.status()).toBe(404)
  const after = e2eDatabase()
  expect(after.prepare("SELECT count(*) AS n FROM Tenant WHERE slug = 'evil'").get()).toEqual({ n: 0 })
  expect(after.prepare('SELECT isSystemAdmin FROM User WHERE id = ?').get(me.id)).toEqual({ isSystemAdmin: 0 })
  after.close()
})

test('without a session: pages redirect, actions and APIs refuse', async ({ page, request }) => {
  const r = await callAction(request, '/admin', 'createTenantAction', { name: 'Anon', slug: 'anon' })
  expect(r.status).toBe(307)
  expect(r.location).toMatch(/^\/login\b/)
  const db = e2eDatabase()
  expect(db.prepare("SELECT count(*) AS n FROM Tenant WHERE slug = 'anon'").get()).toEqual({ n: 0 })
  db.close()
  const api = await request.get('/api/anything')
  expect(api.status()).toBe(401)
  expect(await api.json()).toEqual({ error: 'Sign in first.' })
  await page.goto('/initech/settings')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Finitech%2Fsettings/)
})

test('no response ever carries a password hash or the master key', async ({ page }) => {
  const request = await as(page, people.initechAdmin)
  const bodies = [
    await (await request.get('/initech/settings')).text(),
    (
      await callAction(request, '/initech/settings', 'addMemberAction', {
        tenant: 'initech',
        email: people.umbrellaAdmin,
        role: 'viewer',
      })
    ).body,
  ]
  await page.context().clearCookies()
  await signIn(page, admin)
  for (const path of ['/admin', '/admin/users', '/admin/audit', '/initech/settings', '/api/health']) {
    bodies.push(await (await page.request.get(path)).text())
  }
  const masterKey = readFileSync(`${process.env.E2E_DATA_DIR}/master.key`, 'utf8').trim()
  for (const body of bodies) {
    expect(body).not.toContain('$argon2')
    expect(body).not.toContain('passwordHash')
    expect(body).not.toContain(masterKey)
  }
})

test('every refusal is in the audit log', async ({ page }) => {
  await signIn(page, admin)
  await page.goto('/admin/audit?q=auth.denied&perPage=100')
  await expect(page.getByRole('cell', { name: people.initechViewer, exact: true }).first()).toBeVisible()
  await expect(page.getByRole('cell', { name: people.initechOperator, exact: true }).first()).toBeVisible()
  await expect(page.getByRole('cell', { name: people.initechAdmin, exact: true }).first()).toBeVisible()
})
