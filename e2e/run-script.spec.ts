import { execFileSync } from 'node:child_process'
import { expect, type Page, test } from '@playwright/test'
import { type SshHost, startSshd } from '../tests/support/sshd'
import { callAction, e2eDatabase } from './server-actions'
import {
  addBashScript,
  addTargets,
  logLines,
  openTarget,
  runLog,
  scriptIdOf,
  setUpTenants,
  switchUser,
  trustPlatformKey,
} from './support'

// "Run this script" end to end: the dialog (targets by label and by search, parameters),
// the run executing on real sshd, its page with each host's output, cancel, and the
// role and tenant boundaries over raw HTTP.

test.describe.configure({ mode: 'serial' })

const password = 'runner-password-1'
const people = {
  admin: 'admin@runco.test',
  operator: 'operator@runco.test',
  viewer: 'viewer@runco.test',
  rival: 'admin@runrival.test',
}
const SECRET = 'pa$$-never-on-a-page'
const MARKER = `fanout-e2e-sleeper-${Date.now()}`
let host: SshHost
let firstRun = ''

test.beforeAll(async () => {
  host = await startSshd()
})
test.afterAll(async () => {
  await host?.stop()
})

const as = (page: Page, email: string) => switchUser(page, email, password)

const scriptId = (name: string) => scriptIdOf('runco', name)

const byStatus = (page: Page) => page.getByRole('group', { name: 'Targets by status' }).getByRole('button')

const remoteProcesses = () =>
  execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(MARKER))

test('set up a tenant with three targets on a real sshd and two scripts', async ({ page }) => {
  await setUpTenants(
    page,
    [
      ['Run Co', 'runco'],
      ['Run Rival', 'runrival'],
    ],
    [
      [people.admin, 'runco', 'admin'],
      [people.operator, 'runco', 'operator'],
      [people.viewer, 'runco', 'viewer'],
      [people.rival, 'runrival', 'admin'],
    ],
    password,
  )
  const request = await as(page, people.admin)
  await trustPlatformKey(page, 'runco', host)
  await addTargets(request, 'runco', host, [
    ['web-1', 'web'],
    ['web-2', 'web'],
    ['db-1', 'db'],
  ])
  await addBashScript(request, 'runco', {
    name: 'Greet',
    content:
      'printf "hello %s from %s\\n" "$1" "$FANOUT_TARGET_NAME"\necho "token has ${#FANOUT_PARAM_TOKEN} chars" >&2\n',
    parameters: [
      { name: 'WHO', type: 'string', description: 'Who to greet', required: true, default: '', options: [] },
      { name: 'TOKEN', type: 'secret', description: '', required: false, default: SECRET, options: [] },
    ],
  })
  await addBashScript(request, 'runco', {
    name: 'Sleeper',
    content: `echo started\nexec -a ${MARKER} sleep 120\n`,
    parameters: [],
  })
})

test('an operator runs a script from the list on a label and a searched target, and reads each host’s output', async ({
  page,
}) => {
  await as(page, people.operator)
  await page.goto('/runco/scripts')
  await page.getByRole('row', { name: /Greet/ }).getByRole('button', { name: 'Run' }).click()
  const dialog = page.getByRole('dialog', { name: 'Run Greet' })
  await expect(dialog.getByText('Runs version 1 once on the targets you pick.')).toBeVisible()

  await dialog.getByRole('button', { name: 'Start run' }).click()
  await expect(dialog.getByText('Required.')).toBeVisible()
  await expect(dialog.getByText('Choose at least one target or label.')).toBeVisible()

  await dialog.getByLabel('WHO').fill(`it's "$HOME" & co`)
  await dialog.getByLabel('Label web').check()
  await dialog.getByLabel('Search targets').fill('db')
  await expect(dialog.getByLabel('Target web-1')).toBeHidden()
  await dialog.getByLabel('Target db-1').check()
  await expect(dialog.getByRole('list', { name: 'Chosen targets' })).toContainText('db-1')
  await dialog.getByRole('button', { name: 'Start run' }).click()

  await expect(page).toHaveURL(/\/runco\/runs\/[a-z0-9]+$/)
  firstRun = page.url().split('/').pop()!
  await expect(page.getByRole('heading', { name: 'Greet v1' })).toBeVisible()
  await expect(page.getByText('Succeeded', { exact: true }).first()).toBeVisible({ timeout: 15_000 })
  await expect(byStatus(page)).toHaveText([/^Succeeded\s*3/])
  for (const name of ['web-1', 'web-2', 'db-1']) {
    await openTarget(page, name)
    await expect.poll(() => logLines(runLog(page, 'stdout'))).toEqual([`hello it's "$HOME" & co from ${name}`])
    await expect.poll(() => logLines(runLog(page, 'stderr'))).toEqual([`token has ${SECRET.length} chars`])
  }
  await expect(page.getByLabel('Step 1 parameters')).toContainText('******')
  expect(await page.content()).not.toContain(SECRET)
})

test('a run started from the script page can be cancelled: the host is left with nothing running', async ({ page }) => {
  await as(page, people.operator)
  await page.goto(`/runco/scripts/${scriptId('Sleeper')}`)
  await page.getByRole('button', { name: 'Run' }).click()
  const dialog = page.getByRole('dialog', { name: 'Run Sleeper' })
  await dialog.getByLabel('Target web-1').check()
  await dialog.getByRole('button', { name: 'Start run' }).click()
  await expect(page).toHaveURL(/\/runco\/runs\//)
  await expect(runLog(page, 'stdout')).toContainText('started', { timeout: 15_000 })
  expect(remoteProcesses()).toHaveLength(1)

  await page.getByRole('button', { name: 'Cancel run' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel run' }).click()
  await expect(page.getByText('Cancelled', { exact: true }).first()).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeHidden()
  expect(remoteProcesses()).toEqual([])
})

test('a viewer reads runs but cannot start or cancel one; another tenant cannot even see them', async ({ page }) => {
  let request = await as(page, people.viewer)
  await page.goto('/runco/scripts')
  await expect(page.getByRole('row', { name: /Greet/ })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Run' })).toHaveCount(0)
  await page.goto(`/runco/runs/${firstRun}`)
  await expect(byStatus(page)).toHaveText([/^Succeeded\s*3/])
  const start = {
    tenant: 'runco',
    scriptId: scriptId('Greet'),
    labels: ['web'],
    parameters: { WHO: 'viewer' },
  }
  const runsBefore = () => {
    const db = e2eDatabase()
    try {
      return (db.prepare('SELECT count(*) AS n FROM Run').get() as { n: number }).n
    } finally {
      db.close()
    }
  }
  const before = runsBefore()
  const refused = await callAction(request, '/runco/scripts', 'startScriptRunAction', start)
  expect(refused.serverError).toBe('You do not have permission to do that.')
  expect(
    (await callAction(request, `/runco/runs/${firstRun}`, 'cancelRunAction', { tenant: 'runco', id: firstRun }))
      .serverError,
  ).toBe('You do not have permission to do that.')

  request = await as(page, people.rival)
  expect((await callAction(request, '/runco/scripts', 'startScriptRunAction', start)).serverError).toBe('Not found.')
  const ownTenant = await callAction(request, '/runrival/scripts', 'startScriptRunAction', {
    ...start,
    tenant: 'runrival',
  })
  expect(ownTenant.serverError).toBe('Not found.')
  expect(runsBefore()).toBe(before)
  const response = await page.goto(`/runrival/runs/${firstRun}`)
  expect(response?.status()).toBe(404)
  expect((await page.goto(`/runco/runs/${firstRun}`))?.status()).toBe(404)
})
