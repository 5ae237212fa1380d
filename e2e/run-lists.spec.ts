import { expect, type Page, test } from '@playwright/test'
import { type SshHost, startSshd } from '../tests/support/sshd'
import { callAction } from './server-actions'
import { addBashScript, addTargets, scriptIdOf, setUpTenants, signIn, switchUser, trustPlatformKey } from './support'

// The run lists: a run started from the script list shows in the tenant's Runs page and on
// its script's Runs tab; a filtered, searched view is a URL that reloads and opens as it was.

test.describe.configure({ mode: 'serial' })

const password = 'lister-password-1'
const people = { admin: 'lister@listco.test', rival: 'lister@listrival.test' }
let host: SshHost

test.beforeAll(async () => {
  host = await startSshd()
})
test.afterAll(async () => {
  await host?.stop()
})

const as = (page: Page, email: string) => switchUser(page, email, password)

const scriptId = (name: string) => scriptIdOf('listco', name)

const search = (page: Page) => page.getByRole('searchbox', { name: /Search by run id/ })
const runRow = (page: Page, script: string) => page.getByRole('row', { name: new RegExp(`${script} v1`) })

test('set up a tenant with two targets on a real sshd, a script that succeeds and one that fails', async ({ page }) => {
  await setUpTenants(
    page,
    [
      ['List Co', 'listco'],
      ['List Rival', 'listrival'],
    ],
    [
      [people.admin, 'listco', 'admin'],
      [people.rival, 'listrival', 'admin'],
    ],
    password,
  )
  const request = await as(page, people.admin)
  await trustPlatformKey(page, 'listco', host)
  await addTargets(request, 'listco', host, [
    ['list-1', 'lists'],
    ['list-2', 'lists'],
  ])
  await addBashScript(request, 'listco', { name: 'Pack release', content: 'echo packed\n', parameters: [] })
  await addBashScript(request, 'listco', { name: 'Break build', content: 'echo broken >&2\nexit 3\n', parameters: [] })
})

test('a run started from the script list shows in the Runs page and on the script’s Runs tab', async ({ page }) => {
  const request = await as(page, people.admin)
  await page.goto('/listco/scripts')
  await page
    .getByRole('row', { name: /Pack release/ })
    .getByRole('button', { name: 'Run' })
    .click()
  const dialog = page.getByRole('dialog', { name: 'Run Pack release' })
  await dialog.getByLabel('Label lists').check()
  await dialog.getByRole('button', { name: 'Start run' }).click()
  await expect(page).toHaveURL(/\/listco\/runs\/[a-z0-9]+$/)
  const packRun = page.url().split('/').pop()!

  const broken = await callAction(request, '/listco/scripts', 'startScriptRunAction', {
    tenant: 'listco',
    scriptId: scriptId('Break build'),
    labels: ['lists'],
  })
  expect(broken.serverError, JSON.stringify(broken)).toBeUndefined()

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Runs' }).click()
  await expect(page).toHaveURL(/\/listco\/runs$/)
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible()
  // The list refreshes itself while a run is live: both end without a reload.
  await expect(runRow(page, 'Pack release')).toContainText('Succeeded', { timeout: 20_000 })
  await expect(runRow(page, 'Break build')).toContainText('Failed', { timeout: 20_000 })
  const pack = runRow(page, 'Pack release')
  await expect(pack).toContainText(packRun)
  await expect(pack).toContainText('Ad hoc')
  await expect(pack).toContainText('lister')
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible()

  await page.goto(`/listco/scripts/${scriptId('Pack release')}`)
  await page.getByRole('navigation', { name: 'Script sections' }).getByRole('link', { name: 'Runs' }).click()
  await expect(page).toHaveURL(/\?tab=runs$/)
  await expect(runRow(page, 'Pack release')).toContainText('Succeeded')
  await expect(runRow(page, 'Break build')).toHaveCount(0)
  await pack.getByRole('link', { name: packRun }).click()
  await expect(page).toHaveURL(new RegExp(`/listco/runs/${packRun}$`))

  // Another tenant's list never shows them.
  await as(page, people.rival)
  await page.goto('/listrival/runs')
  await expect(page.getByText('No runs to show.')).toBeVisible()
})

test('a status filter and a search are kept in the URL: a reload and a new page show the same runs', async ({
  page,
  browser,
}) => {
  await as(page, people.admin)
  await page.goto('/listco/runs')
  await page.getByRole('combobox', { name: 'Status' }).click()
  await page.getByRole('option', { name: 'Failed', exact: true }).click()
  await expect(page).toHaveURL(/status=failed/)
  await expect(runRow(page, 'Pack release')).toHaveCount(0)
  await expect(runRow(page, 'Break build')).toBeVisible()

  await search(page).fill('pack')
  await expect(page).toHaveURL(/q=pack/)
  await expect(page.getByText('No runs to show.')).toBeVisible()
  await search(page).fill('BREAK')
  await expect(page).toHaveURL(/q=BREAK/)
  await expect(runRow(page, 'Break build')).toBeVisible()
  await expect(page.getByText('Showing 1–1 of 1')).toBeVisible()
  const url = page.url()

  await page.reload()
  await expect(search(page)).toHaveValue('BREAK')
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveText('Status:Failed')
  await expect(runRow(page, 'Break build')).toContainText('Failed')
  await expect(page.getByText('Showing 1–1 of 1')).toBeVisible()

  const other = await browser.newPage()
  await signIn(other, { email: people.admin, password })
  await other.goto(url)
  await expect(search(other)).toHaveValue('BREAK')
  await expect(other.getByRole('combobox', { name: 'Status' })).toHaveText('Status:Failed')
  await expect(runRow(other, 'Break build')).toBeVisible()
  await expect(runRow(other, 'Pack release')).toHaveCount(0)
  await other.close()

  // Runs are queued today (UTC): a range that ends yesterday holds none, and says so in the URL.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  await page.getByRole('button', { name: 'Reset' }).click()
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible()
  await page.getByLabel('To (UTC)').fill(yesterday)
  await expect(page).toHaveURL(new RegExp(`to=${yesterday}`))
  await expect(page.getByText('No runs to show.')).toBeVisible()
  await page.getByRole('combobox', { name: 'Executed by' }).click()
  await page.getByRole('option', { name: 'User', exact: true }).click()
  await expect(page).toHaveURL(/by=user/)
  await page.getByLabel('To (UTC)').fill('')
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible()
})
