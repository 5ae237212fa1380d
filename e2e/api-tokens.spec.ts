import { expect, test } from '@playwright/test'
import { callAction } from './server-actions'
import { setUpTenants, switchUser } from './support'

// API tokens (PRODUCT.md §8): a tenant admin creates one, sees its secret once, uses it
// against the running server, and revokes it.

const password = 'token-admin-password-1'
const email = 'admin@apico.test'

test('create a token, see it once, call the API with it, revoke it', async ({ page, playwright }) => {
  await setUpTenants(page, [['API Co', 'apico']], [[email, 'apico', 'admin']], password)
  const session = await switchUser(page, email, password)
  const target = { tenant: 'apico', name: 'api-box', host: '127.0.0.1', port: 1, username: 'nobody' }
  const created = await callAction(session, '/apico/targets/new', 'createTargetAction', {
    ...target,
    credentialType: 'platform_key',
    labels: '',
  })
  expect(created.serverError, JSON.stringify(created)).toBeUndefined()

  await page.goto('/apico/settings/tokens')
  await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible()
  await page.getByRole('button', { name: 'Create token' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Name').fill('CI deploys')
  await dialog.getByLabel('Scope').selectOption('run')
  await dialog.getByRole('button', { name: 'Create token' }).click()
  await expect(dialog.getByRole('heading', { name: 'Token “CI deploys” created' })).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Copy token' })).toBeVisible()
  const secret = (await dialog.getByTestId('token-secret').textContent())!.trim()
  expect(secret).toMatch(/^fo_[A-Za-z0-9_-]{43}$/)
  await dialog.getByRole('button', { name: 'Done' }).click()

  // Listed by its prefix only; the secret is nowhere on the page any more.
  const row = page.getByRole('row').filter({ hasText: 'CI deploys' })
  await expect(row).toContainText(`${secret.slice(0, 11)}…`)
  await expect(row).toContainText('run')
  await expect(row).toContainText('Active')
  await page.reload()
  expect(await page.content()).not.toContain(secret)
  await page.getByRole('button', { name: 'Create token' }).click()
  await expect(page.getByRole('dialog').getByLabel('Name')).toHaveValue('')
  await page.keyboard.press('Escape')

  // A real HTTP client with the token, and no session.
  const api = await playwright.request.newContext({ baseURL: new URL(page.url()).origin })
  const bearer = { authorization: `Bearer ${secret}` }
  const targets = await api.get('/api/v1/targets', { headers: bearer })
  expect(targets.status()).toBe(200)
  expect((await targets.json()).items.map((t: { name: string }) => t.name)).toEqual(['api-box'])
  expect((await api.get('/api/v1/targets')).status()).toBe(401)
  const document = await api.get('/api/v1/openapi.json')
  expect((await document.json()).paths['/tasks/{id}/runs'].post.summary).toBe('Run a task')

  await page.reload()
  // Last used: now a time, not "Never".
  await expect(row.getByRole('cell').nth(7)).not.toHaveText('Never')

  await row.getByRole('button', { name: 'Revoke token CI deploys' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke token' }).click()
  await expect(row).toContainText('Revoked')
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0)
  const refused = await api.get('/api/v1/targets', { headers: bearer })
  expect(refused.status()).toBe(401)
  expect((await refused.json()).error).toMatch(/revoked/)
  await api.dispose()
})
