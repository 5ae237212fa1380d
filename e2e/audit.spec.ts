import { createServer, type Server } from 'node:net'
import { expect, type Page, test } from '@playwright/test'
import { callAction } from './server-actions'
import { addBashScript, admin, setUpTenants, switchUser } from './support'

// The audit log (PRODUCT.md §8): every change, run start and cancel, sign-in, failed
// sign-in and denial, with who and from where; a tenant's admins read their tenant's, the
// system admin everyone's; no secret ever appears in it.

test.describe.configure({ mode: 'serial' })

const password = 'auditor-password-1'
const people = { admin: 'admin@auditco.test', viewer: 'viewer@auditco.test', rival: 'admin@auditrival.test' }
const TARGET_PASSWORD = 'target-pass-never-logged'
const PARAM_SECRET = 'param-secret-never-logged'
const as = (page: Page, email: string) => switchUser(page, email, password)

// A host that accepts TCP and never speaks: a run on it stays live (connecting) long
// enough to be cancelled.
let silent: Server
test.beforeAll(async () => {
  silent = createServer(() => {})
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
})
test.afterAll(() => silent?.close())

test('every kind of event is recorded, for the tenant admin to read, without secrets', async ({ page }) => {
  await setUpTenants(
    page,
    [
      ['Audit Co', 'auditco'],
      ['Audit Rival', 'auditrival'],
    ],
    [
      [people.admin, 'auditco', 'admin'],
      [people.viewer, 'auditco', 'viewer'],
      [people.rival, 'auditrival', 'admin'],
    ],
    password,
  )
  // A failed sign-in, then changes, a run (with a secret parameter) and its cancel.
  await page.context().clearCookies()
  await page.goto('/login')
  await page.getByLabel('Email').fill(people.admin)
  await page.getByLabel('Password').fill('wrong-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Invalid email or password.')).toBeVisible()
  const request = await as(page, people.admin)
  const target = {
    tenant: 'auditco',
    name: 'audited-1',
    host: '127.0.0.1',
    port: (silent.address() as { port: number }).port,
    username: 'nobody',
    credentialType: 'password',
    password: TARGET_PASSWORD,
    labels: 'audit',
  }
  const created = await callAction(request, '/auditco/targets/new', 'createTargetAction', target)
  expect(created.serverError).toBeUndefined()
  const id = (created.data as { id: string }).id
  expect(
    (
      await callAction(request, `/auditco/targets/${id}`, 'updateTargetAction', {
        ...target,
        id,
        description: 'edited',
      })
    ).serverError,
  ).toBeUndefined()
  await addBashScript(request, 'auditco', {
    name: 'Audited',
    content: 'sleep 30\n',
    parameters: [
      {
        name: 'TOKEN',
        type: 'secret',
        description: '',
        required: false,
        default: '',
        options: [],
        keepStoredDefault: false,
      },
    ],
  })
  await page.goto('/auditco/scripts')
  await page
    .getByRole('row', { name: /Audited/ })
    .getByRole('button', { name: 'Run' })
    .click()
  const dialog = page.getByRole('dialog', { name: 'Run Audited' })
  await dialog.getByLabel('TOKEN').fill(PARAM_SECRET)
  await dialog.getByLabel('Label audit').check()
  await dialog.getByRole('button', { name: 'Start run' }).click()
  await expect(page).toHaveURL(/\/auditco\/runs\/[a-z0-9]+$/)
  const runId = page.url().split('/').pop()!
  const cancelled = await callAction(request, `/auditco/runs/${runId}`, 'cancelRunAction', {
    tenant: 'auditco',
    id: runId,
  })
  expect(cancelled.serverError, JSON.stringify(cancelled)).toBeUndefined()
  expect(
    (await callAction(request, `/auditco/targets/${id}`, 'deleteTargetAction', { tenant: 'auditco', id })).serverError,
  ).toBeUndefined()

  // A viewer is refused, and cannot read the log.
  const viewer = await as(page, people.viewer)
  const refused = await callAction(viewer, '/auditco/targets/new', 'createTargetAction', { ...target, name: 'nope' })
  expect(refused.serverError).toBe('You do not have permission to do that.')
  const denied = await page.goto('/auditco/settings/audit')
  expect(denied?.status()).toBe(404)

  // The rival's own events stay theirs.
  await as(page, people.rival)
  await page.goto('/auditrival/settings/audit')
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'target.create' })).toHaveCount(0)

  await as(page, people.admin)
  await page.goto('/auditco/settings/audit?perPage=100')
  const table = page.getByRole('table')
  for (const action of [
    'target.create',
    'target.update',
    'target.delete',
    'script.create',
    'run.start',
    'run.cancel',
    'auth.denied',
  ]) {
    await expect(table.getByRole('cell', { name: action, exact: true }).first()).toBeVisible()
  }
  await expect(table).toContainText('audited-1')
  expect(await page.content()).not.toContain(TARGET_PASSWORD)
  expect(await page.content()).not.toContain(PARAM_SECRET)
  await page.goto('/auditco/settings/audit?action=target.')
  await expect(table.getByRole('row')).toHaveCount(4)

  // The system admin sees the sign-ins too, across tenants.
  await switchUser(page, admin.email, admin.password)
  await page.goto(`/admin/audit?q=${encodeURIComponent(people.admin)}&perPage=100`)
  await expect(page.getByRole('cell', { name: 'auth.signin_failed', exact: true }).first()).toBeVisible()
  await expect(page.getByRole('cell', { name: 'auth.signin', exact: true }).first()).toBeVisible()
  expect(await page.content()).not.toContain(TARGET_PASSWORD)
  expect(await page.content()).not.toContain('wrong-password')
})
