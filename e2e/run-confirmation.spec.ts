import { expect, type Page, test } from '@playwright/test'
import { type SshHost, startSshd } from '../tests/support/sshd'
import { callAction } from './server-actions'
import {
  addBashScript,
  addTargets,
  openTarget,
  runLog,
  scriptIdOf,
  setUpTenants,
  switchUser,
  trustPlatformKey,
} from './support'

// Safer runs (PRODUCT.md §3a): a task rolls out to a canary host first and waits for a
// person; the run page shows the canary done and the gate, Continue (with a comment) rolls
// out the rest, Abort cancels it, and the page says who decided, when and why.

test.describe.configure({ mode: 'serial' })

const password = 'confirm-password-1'
const people = { admin: 'admin@confirmco.test', viewer: 'viewer@confirmco.test' }
const hosts = ['conf-1', 'conf-2', 'conf-3']
let host: SshHost
let taskId = ''

test.beforeAll(async () => {
  host = await startSshd()
})
test.afterAll(async () => {
  await host?.stop()
})

const as = (page: Page, email: string) => switchUser(page, email, password)
const runStatus = (page: Page) => page.getByRole('status', { name: 'Run status' })
const panel = (page: Page) => page.getByRole('region', { name: 'Waiting for confirmation' })
const batch = (page: Page, name: string) =>
  page.getByRole('table', { name: 'Batches' }).locator(`[data-batch="${name}"]`)
const confirmations = (page: Page) => page.getByRole('region', { name: 'Confirmations' })

test('set up a tenant with three targets and a task rolling out to a canary first', async ({ page }) => {
  await setUpTenants(
    page,
    [['Confirm Co', 'confirmco']],
    [
      [people.admin, 'confirmco', 'admin'],
      [people.viewer, 'confirmco', 'viewer'],
    ],
    password,
  )
  const request = await as(page, people.admin)
  await trustPlatformKey(page, 'confirmco', host)
  await addTargets(
    request,
    'confirmco',
    host,
    hosts.map((name) => [name, 'conf']),
  )
  await addBashScript(request, 'confirmco', {
    name: 'Roll out',
    content: 'echo "rolled out on $FANOUT_TARGET_NAME"\n',
    parameters: [],
  })
  const created = await callAction(request, '/confirmco/tasks/new', 'createTaskAction', {
    tenant: 'confirmco',
    name: 'Careful rollout',
    type: 'manual',
    steps: [{ kind: 'script', scriptId: scriptIdOf('confirmco', 'Roll out'), parameters: {} }],
    labels: ['conf'],
    rollout: {
      mode: 'run',
      canary: { value: 1, unit: 'hosts' },
      batch: { value: 100, unit: 'percent' },
      between: 'confirm',
      confirm: { message: 'Check the canary’s dashboards first.', roles: ['admin'] },
    },
  })
  expect(created.serverError, JSON.stringify(created)).toBeUndefined()
  taskId = (created.data as { id: string }).id
})

/** Run now from the task's page; returns once the run waits after its canary. */
async function runToTheGate(page: Page) {
  await page.goto(`/confirmco/tasks/${taskId}`)
  await page.getByRole('button', { name: 'Run now' }).click()
  await page.getByRole('dialog', { name: 'Run now' }).getByRole('button', { name: 'Start run' }).click()
  await expect(page).toHaveURL(new RegExp(`/confirmco/tasks/${taskId}/runs/[a-z0-9]+$`))
  await expect(runStatus(page)).toHaveText('Waiting for confirmation', { timeout: 20_000 })
  await expect(panel(page)).toContainText('Check the canary’s dashboards first.')
  await expect(panel(page)).toContainText('Before Batch 2')
  await expect(batch(page, 'Canary')).toContainText('Done')
  await expect(batch(page, 'Canary')).toContainText(/Succeeded\s*1/)
  await expect(batch(page, 'Batch 2')).toContainText('Waiting for confirmation')
  await expect(batch(page, 'Batch 2')).toContainText(/Queued\s*2/)
  return page.url()
}

/** Until React owns the confirmation form: a click or text before that goes nowhere. */
const hydrated = (page: Page) =>
  page.waitForFunction(() => {
    const field = document.getElementById('confirmation-comment')
    return !!field && Object.keys(field).some((key) => key.startsWith('__react'))
  })

test('the canary runs alone, the run waits; Continue with a comment rolls out the rest, live', async ({ page }) => {
  await as(page, people.admin)
  const url = await runToTheGate(page)

  // A viewer sees where the run stands, not the buttons.
  await as(page, people.viewer)
  await page.goto(url)
  await expect(panel(page)).toContainText('Someone allowed to start runs continues or aborts it.')
  await expect(page.getByRole('button', { name: 'Continue' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Abort run' })).toHaveCount(0)

  await as(page, people.admin)
  await page.goto(url)
  await hydrated(page)
  await panel(page).getByLabel('Comment (optional)').fill('Canary is healthy')
  await panel(page).getByRole('button', { name: 'Continue' }).click()

  await expect(runStatus(page)).toHaveText('Succeeded', { timeout: 20_000 })
  await expect(panel(page)).toHaveCount(0)
  await expect(batch(page, 'Batch 2')).toContainText('Done')
  await expect(batch(page, 'Batch 2')).toContainText(/Succeeded\s*2/)
  await expect(page.getByRole('group', { name: 'Targets by status' }).getByRole('button')).toHaveText([
    /^Succeeded\s*3/,
  ])
  await expect(confirmations(page)).toContainText('Continued')
  await expect(confirmations(page)).toContainText('Before Batch 2')
  await expect(confirmations(page)).toContainText('by admin')
  await expect(confirmations(page)).toContainText('“Canary is healthy”')
  // Each host ran once, its output kept: the canary's before the pause, the others' after it.
  for (const name of hosts) {
    await openTarget(page, name)
    await expect(runLog(page, 'stdout')).toHaveText(new RegExp(`rolled out on ${name}`))
  }
})

test('Abort cancels the batches not reached; the run lists can show waiting runs', async ({ page }) => {
  await as(page, people.admin)
  const url = await runToTheGate(page)
  const runId = url.split('/').at(-1)!

  await page.goto('/confirmco/runs?status=waiting')
  await expect(page.getByRole('link', { name: runId })).toBeVisible()
  await page.goto(url)
  await hydrated(page)
  await panel(page).getByLabel('Comment (optional)').fill('Error rate went up on conf-1')
  await panel(page).getByRole('button', { name: 'Abort run' }).click()

  await expect(runStatus(page)).toHaveText('Cancelled')
  await expect(panel(page)).toHaveCount(0)
  await expect(
    page.getByRole('alert').filter({ hasText: 'Aborted at a confirmation by admin: Error rate went up on conf-1' }),
  ).toBeVisible()
  await expect(batch(page, 'Canary')).toContainText('Done')
  await expect(batch(page, 'Batch 2')).toContainText('Stopped')
  await expect(batch(page, 'Batch 2')).toContainText(/Cancelled\s*2/)
  await expect(confirmations(page)).toContainText('Aborted')
  await expect(confirmations(page)).toContainText('by admin')
  await expect(confirmations(page)).toContainText('“Error rate went up on conf-1”')

  // As recorded after a reload too (from the database, not only the live stream).
  await page.reload()
  await expect(confirmations(page)).toContainText('Aborted')
  await expect(page.getByRole('button', { name: 'Re-run all' })).toBeVisible()
})
