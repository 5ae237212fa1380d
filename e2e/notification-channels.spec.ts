import { createHmac } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { startReceiver } from '../tests/notify/receiver'
import { setUpTenants, switchUser } from './support'

// Settings → Notifications: a tenant admin adds a webhook channel, sends a test to a
// receiver on loopback and sees it delivered; edits it without retyping its secrets; and
// a channel whose receiver fails shows its last error.

const password = 'channel-password-1'
const adminEmail = 'admin@chanco.test'
let receiver: Awaited<ReturnType<typeof startReceiver>>

test.beforeAll(async () => {
  receiver = await startReceiver((request) => (request.path === '/broken' ? { status: 500, body: 'down' } : {}))
})
test.afterAll(async () => {
  await receiver?.stop()
})

test('add a channel, send a test, edit it, and see a failing one’s last error', async ({ page }) => {
  await setUpTenants(page, [['Channel Co', 'chanco']], [[adminEmail, 'chanco', 'admin']], password)
  await switchUser(page, adminEmail, password)
  await page.goto('/chanco/settings')
  await page.getByRole('link', { name: 'Notifications' }).click()
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible()

  await page.getByRole('button', { name: 'Add channel' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Name').fill('Ops hook')
  await dialog.getByLabel('Kind').selectOption('webhook')
  await dialog.getByRole('button', { name: 'Add channel' }).click()
  await expect(dialog.getByText('Enter the webhook URL.')).toBeVisible()
  await dialog.getByLabel('Webhook URL').fill(receiver.url('/ops'))
  await dialog.getByLabel('Signing secret (optional)').fill('e2e-signing-secret')
  await dialog.getByRole('button', { name: 'Add channel' }).click()
  await expect(dialog).toBeHidden()

  const card = page.getByTestId('channel-Ops hook')
  await expect(card).toContainText(`${new URL(receiver.url()).origin}/… · signed`)
  await card.getByRole('button', { name: 'Send test: Ops hook' }).click()
  await expect(page.getByText('Test message delivered (200)')).toBeVisible()
  await expect(card.getByRole('list', { name: 'Recent deliveries: Ops hook' })).toContainText('delivered')
  expect(receiver.requests).toHaveLength(1)
  const [request] = receiver.requests
  expect(request.body).toMatchObject({ kind: 'test', title: 'Test message from Fanout' })
  const signature = createHmac('sha256', 'e2e-signing-secret').update(request.raw).digest('hex')
  expect(request.headers['x-fanout-signature']).toBe(`sha256=${signature}`)

  // Secrets left empty on an edit are kept: the renamed channel still reaches the receiver, signed.
  await card.getByRole('button', { name: 'Edit channel: Ops hook' }).click()
  await expect(dialog.getByLabel('Webhook URL')).toHaveValue('')
  await dialog.getByLabel('Name').fill('Ops webhook')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  const renamed = page.getByTestId('channel-Ops webhook')
  await renamed.getByRole('button', { name: 'Send test: Ops webhook' }).click()
  await expect.poll(() => receiver.requests.length).toBe(2)
  expect(receiver.requests[1].headers['x-fanout-signature']).toMatch(/^sha256=[0-9a-f]{64}$/)

  await page.getByRole('button', { name: 'Add channel' }).click()
  await dialog.getByLabel('Name').fill('Team chat')
  await dialog.getByLabel('Kind').selectOption('slack')
  await dialog.getByLabel('Webhook URL').fill(receiver.url('/broken'))
  await dialog.getByRole('button', { name: 'Add channel' }).click()
  await expect(dialog).toBeHidden()
  const broken = page.getByTestId('channel-Team chat')
  await broken.getByRole('button', { name: 'Send test: Team chat' }).click()
  await expect(page.getByText(/Test message failed: .* answered HTTP 500: "down"/)).toBeVisible()
  await expect(broken.getByText('Failing')).toBeVisible()
  await expect(broken.getByTestId('last-error')).toContainText('answered HTTP 500: "down"')
})
