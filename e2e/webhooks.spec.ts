import { createHmac } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { callAction } from './server-actions'
import { addBashScript, addTargets, scriptIdOf, setUpTenants, switchUser } from './support'

// A task's webhook end to end: created in the browser, its secret read from the page once,
// a signed POST from outside starts a run that the task's Runs tab lists; a replay and a
// call after "Rotate secret" with the old secret are refused.

test.describe.configure({ mode: 'serial' })

const password = 'hooker-password-1'
const admin = 'admin@hookco.test'
// The run's target is never reached (a closed port): the run itself is what this spec follows.
const nowhere = { host: '127.0.0.1', port: 1, username: 'nobody' }
let taskId = ''
/** The secret shown at creation, replaced by Rotate secret. */
let firstSecret = ''

function sign(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  return {
    'Content-Type': 'application/json',
    'X-Fanout-Timestamp': String(timestamp),
    'X-Fanout-Signature': `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  }
}

test('set up a tenant with a task that has a parameter', async ({ page }) => {
  await setUpTenants(page, [['Hook Co', 'hookco']], [[admin, 'hookco', 'admin']], password)
  const request = await switchUser(page, admin, password)
  await addTargets(request, 'hookco', nowhere, [['ci-1', 'ci']])
  await addBashScript(request, 'hookco', {
    name: 'Deploy',
    content: 'echo "deploying $VERSION"\n',
    parameters: [{ name: 'VERSION', type: 'string', description: '', required: false, default: '1.0', options: [] }],
  })
  const created = await callAction(request, '/hookco/tasks/new', 'createTaskAction', {
    tenant: 'hookco',
    name: 'Deploy from CI',
    type: 'manual',
    steps: [{ kind: 'script', scriptId: scriptIdOf('hookco', 'Deploy'), parameters: {} }],
    labels: ['ci'],
  })
  expect(created.serverError, JSON.stringify(created)).toBeUndefined()
  taskId = (created.data as { id: string }).id
})

test('a webhook created on the task page runs the task on a signed POST, once', async ({ page, request }) => {
  await switchUser(page, admin, password)
  await page.goto(`/hookco/tasks/${taskId}`)
  await page.getByRole('navigation', { name: 'Task sections' }).getByRole('link', { name: 'Webhooks' }).click()
  await expect(page).toHaveURL(/\?tab=webhooks$/)
  await expect(page.getByText('No webhooks yet.')).toBeVisible()

  await page.getByRole('button', { name: 'New webhook' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Name').fill('GitLab deploy')
  await dialog.getByRole('button', { name: 'Create webhook' }).click()
  await expect(dialog.getByRole('heading', { name: 'Webhook created' })).toBeVisible()
  const url = await dialog.getByRole('textbox', { name: 'URL' }).inputValue()
  const secret = await dialog.getByRole('textbox', { name: 'Secret' }).inputValue()
  expect(url).toMatch(new RegExp(`/api/hooks/\\w+$`))
  expect(secret).toMatch(/^[0-9a-f]{64}$/)
  firstSecret = secret
  await expect(dialog.getByText(`SECRET='${secret}'`)).toBeVisible()
  await dialog.getByRole('button', { name: 'Done' }).click()
  const row = page.getByRole('row').filter({ hasText: 'GitLab deploy' })
  await expect(row).toContainText('Never')
  // The secret is shown once: the list does not carry it.
  expect(await page.content()).not.toContain(secret)

  // From outside (a client without a session): the URL as shown, signed with the secret as shown.
  const body = JSON.stringify({ parameters: { VERSION: '2.5.0' } })
  const headers = sign(secret, body)
  const accepted = await request.fetch(url, { method: 'POST', headers, data: body })
  expect(accepted.status(), await accepted.text()).toBe(201)
  const { runId, url: runUrl } = (await accepted.json()) as { runId: string; url: string }
  expect(runUrl).toBe(new URL(`/hookco/tasks/${taskId}/runs/${runId}`, url).toString())

  const replay = await request.fetch(url, { method: 'POST', headers, data: body })
  expect(replay.status()).toBe(401)
  expect(await replay.text()).not.toContain(secret)

  await page.getByRole('navigation', { name: 'Task sections' }).getByRole('link', { name: 'Runs' }).click()
  const runRow = page.getByRole('row').filter({ hasText: runId })
  await expect(runRow).toBeVisible()
  await expect(runRow).toContainText('GitLab deploy')
  await page.goto(runUrl)
  await expect(page.getByLabel('Step 1 parameters')).toContainText('VERSION2.5.0')
})

test('after Rotate secret the old secret is refused and the new one works; disabled answers 404', async ({
  page,
  request,
}) => {
  await switchUser(page, admin, password)
  await page.goto(`/hookco/tasks/${taskId}?tab=webhooks`)
  const row = page.getByRole('row').filter({ hasText: 'GitLab deploy' })
  await expect(row).not.toContainText('Never')
  const url = (await row.locator('code').textContent())!
  await row.getByRole('button', { name: 'Rotate secret: GitLab deploy' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Rotate' }).click()
  const dialog = page.getByRole('dialog', { name: 'New secret for “GitLab deploy”' })
  const secret = await dialog.getByRole('textbox', { name: 'Secret' }).inputValue()
  await dialog.getByRole('button', { name: 'Done' }).click()

  const post = (key: string) => request.fetch(url, { method: 'POST', headers: sign(key, '{}'), data: '{}' })
  expect((await post(firstSecret)).status()).toBe(401)
  expect((await post(secret)).status()).toBe(201)

  await row.getByRole('checkbox', { name: 'Enabled: GitLab deploy' }).click()
  await expect(page.getByText('Webhook disabled')).toBeVisible()
  expect((await post(secret)).status()).toBe(404)
})
