import { expect, type Page, test } from '@playwright/test'
import { addAuthorizedKey, generateKeyPair, type SshHost, startSshd } from '../tests/support/sshd'
import { callAction, e2eDatabase } from './server-actions'
import { setUpTenants, signIn } from './support'

test.describe.configure({ mode: 'serial' })

const password = 'targets-password-1'
const tenantAdmin = 'ta@targetco.test'
const viewer = 'tv@targetco.test'
const outsider = 'oa@othertargets.test'
const secretPassword = 'S3cret-ssh-pass-xyz'
let bastion: SshHost
let web: SshHost

test.beforeAll(async () => {
  ;[bastion, web] = await Promise.all([startSshd(), startSshd()])
})
test.afterAll(async () => {
  await Promise.all([bastion?.stop(), web?.stop()])
})

async function as(page: Page, email: string) {
  await page.context().clearCookies()
  await signIn(page, { email, password })
}

function targetId(name: string) {
  const db = e2eDatabase()
  try {
    return (
      db
        .prepare('SELECT t.id FROM Target t JOIN Tenant n ON n.id = t.tenantId WHERE n.slug = ? AND t.name = ?')
        .get('targetco', name) as { id: string }
    ).id
  } finally {
    db.close()
  }
}

test('set up the tenants and people', async ({ page }) => {
  await setUpTenants(
    page,
    [
      ['Targetco', 'targetco'],
      ['Other Targets', 'othertargets'],
    ],
    [
      [tenantAdmin, 'targetco', 'admin'],
      [viewer, 'targetco', 'viewer'],
      [outsider, 'othertargets', 'admin'],
    ],
    password,
  )
})

test('a tenant admin authorises the platform key, adds a proxy and a target behind it, and both test online', async ({
  page,
}) => {
  await as(page, tenantAdmin)
  await page.goto('/targetco/settings/key')
  const publicKey = (await page.getByTestId('public-key').textContent())!.trim()
  expect(publicKey).toMatch(/^ssh-ed25519 \S+ fanout-targetco$/)
  await expect(page.getByTestId('install-command')).toContainText('authorized_keys')
  addAuthorizedKey(bastion, publicKey)
  addAuthorizedKey(web, publicKey)

  await page.goto('/targetco/proxies/new')
  await page.getByLabel('Name').fill('bastion')
  await page.getByLabel('Host').fill(bastion.host)
  await page.getByLabel('Port').fill(String(bastion.port))
  await page.getByLabel('SSH user').fill(bastion.username)
  await page.getByRole('button', { name: 'Create proxy' }).click()
  await expect(page.getByRole('heading', { name: 'bastion' })).toBeVisible()
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByText('Online', { exact: true }).first()).toBeVisible()

  await page.goto('/targetco/targets/new')
  await page.getByLabel('Name').fill('web-1')
  await page.getByLabel('Labels').fill('web prod')
  await page.getByLabel('Host').fill(web.host)
  await page.getByLabel('Port').fill('70000')
  await page.getByLabel('SSH user').fill(web.username)
  await page.getByLabel('Through proxy').selectOption({ label: 'bastion' })
  await page.getByRole('button', { name: 'Create target' }).click()
  await expect(page.getByText('Ports run from 1 to 65535.')).toBeVisible()
  await expect(page.getByLabel('Name')).toHaveValue('web-1')
  await page.getByLabel('Port').fill(String(web.port))
  await page.getByRole('button', { name: 'Create target' }).click()
  await expect(page.getByRole('heading', { name: 'web-1' })).toBeVisible()
  await expect(page.getByText(`via bastion`)).toBeVisible()
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByText('Online', { exact: true }).first()).toBeVisible()
  await expect(page.getByText(web.hostKeyFingerprint)).toBeVisible()

  await page.goto('/targetco/targets?label=web')
  await expect(page.getByRole('link', { name: 'web-1' })).toBeVisible()
  await page.goto('/targetco/targets?label=db')
  await expect(page.getByRole('link', { name: 'web-1' })).toHaveCount(0)
})

test('a password credential is stored but never shown again', async ({ page }) => {
  await as(page, tenantAdmin)
  await page.goto('/targetco/targets/new')
  await page.getByLabel('Name').fill('pw-host')
  await page.getByLabel('Host').fill(web.host)
  await page.getByLabel('Port').fill(String(web.port))
  await page.getByLabel('SSH user').fill(web.username)
  await page.getByLabel('Sign in with').selectOption({ label: 'Password' })
  await page.getByLabel('Password').fill(secretPassword)
  await page.getByRole('button', { name: 'Create target' }).click()
  await expect(page.getByRole('heading', { name: 'pw-host' })).toBeVisible()
  await expect(page.getByText('A password is set. Enter a new one to replace it.')).toBeVisible()
  const html = await (await page.request.get(page.url())).text()
  expect(html).not.toContain(secretPassword)
  const db = e2eDatabase()
  const row = db.prepare("SELECT credentialSecret FROM Target WHERE name = 'pw-host'").get() as {
    credentialSecret: string
  }
  db.close()
  expect(row.credentialSecret).toMatch(/^v1:/)
  expect(row.credentialSecret).not.toContain(secretPassword)
})

test('an uploaded private key and the platform key never reach a page', async ({ page }) => {
  await as(page, tenantAdmin)
  const key = generateKeyPair('ed25519', 'key-passphrase-1')
  await page.goto('/targetco/targets/new')
  await page.getByLabel('Name').fill('key-host')
  await page.getByLabel('Host').fill(web.host)
  await page.getByLabel('Port').fill(String(web.port))
  await page.getByLabel('SSH user').fill(web.username)
  await page.getByLabel('Sign in with').selectOption({ label: 'Uploaded private key' })
  await page.getByLabel('Private key').fill(key.privateKey)
  await page.getByRole('button', { name: 'Create target' }).click()
  await expect(page.getByText('The private key is encrypted: a passphrase is needed.')).toBeVisible()
  await page.getByLabel('Passphrase').fill('key-passphrase-1')
  await page.getByRole('button', { name: 'Create target' }).click()
  await expect(page.getByRole('heading', { name: 'key-host' })).toBeVisible()
  const keyBody = key.privateKey.split('\n')[2]
  for (const path of [page.url(), '/targetco/targets', '/targetco/settings/key']) {
    const html = await (await page.request.get(path)).text()
    expect(html).not.toContain('PRIVATE KEY')
    expect(html).not.toContain(keyBody)
    expect(html).not.toContain('key-passphrase-1')
  }
})

test('a viewer sees targets but no credentials and no way to change them', async ({ page }) => {
  await as(page, viewer)
  await page.goto('/targetco/targets')
  await expect(page.getByRole('link', { name: 'web-1' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'New target' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Test/ })).toHaveCount(0)
  await page.getByRole('link', { name: 'web-1' }).click()
  await expect(page.getByRole('heading', { name: 'web-1' })).toBeVisible()
  await expect(page.getByLabel('Sign in with')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0)
  expect((await page.goto('/targetco/targets/new'))?.status()).toBe(404)
  const refused = await callAction(page.request, '/targetco/targets', 'deleteTargetAction', {
    tenant: 'targetco',
    id: targetId('web-1'),
  })
  expect(refused.serverError).toBe('You do not have permission to do that.')
  const check = await callAction(page.request, '/targetco/targets', 'checkTargetsAction', {
    tenant: 'targetco',
    ids: [targetId('web-1')],
  })
  expect(check.serverError).toBe('You do not have permission to do that.')
})

test("another tenant's admin cannot see, test, change or delete these targets", async ({ page }) => {
  await as(page, outsider)
  const id = targetId('web-1')
  expect((await page.goto(`/targetco/targets/${id}`))?.status()).toBe(404)
  expect((await page.goto(`/othertargets/targets/${id}`))?.status()).toBe(404)
  for (const tenant of ['othertargets', 'targetco']) {
    for (const [name, input] of [
      ['checkTargetsAction', { tenant, ids: [id] }],
      ['deleteTargetAction', { tenant, id }],
      ['trustTargetHostKeyAction', { tenant, id }],
      ['installPlatformKeyAction', { tenant, id, password: 'x' }],
      [
        'updateTargetAction',
        { tenant, id, name: 'pwned', host: '127.0.0.1', port: 22, username: 'x', credentialType: 'platform_key' },
      ],
    ] as const) {
      const r = await callAction(page.request, '/othertargets/targets', name, input)
      expect(r.serverError, `${name} via ${tenant}`).toBe('Not found.')
    }
  }
  const db = e2eDatabase()
  expect(db.prepare('SELECT name FROM Target WHERE id = ?').get(id)).toEqual({ name: 'web-1' })
  db.close()
})
