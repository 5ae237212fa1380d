import { execFileSync } from 'node:child_process'
import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
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
  signIn,
  switchUser,
  trustPlatformKey,
} from './support'

// The run page live (PRODUCT.md §4): output streams in while hosts print it, a reload
// resumes without losing or repeating a line, cancel kills what runs, results group, a
// failed-only re-run repeats just those hosts, the view is a URL, and host output is text.

test.describe.configure({ mode: 'serial' })

const password = 'live-password-1'
const people = { admin: 'admin@liveco.test', viewer: 'viewer@liveco.test', rival: 'admin@liverival.test' }
const MARKER = `fanout-e2e-ticker-${Date.now()}`
const hosts = ['live-1', 'live-2', 'live-3', 'live-4', 'live-5']
let host: SshHost
let finishedRun = ''

test.beforeAll(async () => {
  host = await startSshd()
})
test.afterAll(async () => {
  await host?.stop()
})

const as = (page: Page, email: string) => switchUser(page, email, password)

const scriptId = (name: string) => scriptIdOf('liveco', name)

async function start(request: APIRequestContext, script: string) {
  const started = await callAction(request, '/liveco/scripts', 'startScriptRunAction', {
    tenant: 'liveco',
    scriptId: scriptId(script),
    labels: ['live'],
  })
  expect(started.serverError, JSON.stringify(started)).toBeUndefined()
  return (started.data as { runId: string }).runId
}

const status = (page: Page) =>
  page.locator('header, div').getByRole('heading', { level: 1 }).locator('..').locator('..')
const runStatus = (page: Page) => status(page).locator('[data-status]').first()
const remoteProcesses = () =>
  execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(MARKER))
const ticks = (name: string, n: number) => Array.from({ length: n }, (_, i) => `tick ${i + 1} from ${name}`)

test('set up a tenant with five targets on a real sshd and its scripts', async ({ page }) => {
  await setUpTenants(
    page,
    [
      ['Live Co', 'liveco'],
      ['Live Rival', 'liverival'],
    ],
    [
      [people.admin, 'liveco', 'admin'],
      [people.viewer, 'liveco', 'viewer'],
      [people.rival, 'liverival', 'admin'],
    ],
    password,
  )
  const request = await as(page, people.admin)
  await trustPlatformKey(page, 'liveco', host)
  await addTargets(
    request,
    'liveco',
    host,
    hosts.map((name, i) => [name, 'live', { resourcePool: `pool-${i % 2}`, region: 'eu-west' }]),
  )
  await addBashScript(request, 'liveco', {
    name: 'Ticker',
    // Named after MARKER in ps, so the test sees it running on the host and then gone.
    content: `exec -a ${MARKER} bash -c 'for i in $(seq 1 25); do echo "tick $i from $FANOUT_TARGET_NAME"; sleep 0.2; done'\n`,
    parameters: [],
  })
  await addBashScript(request, 'liveco', {
    name: 'Disk check',
    content:
      'case $FANOUT_TARGET_NAME in\n  live-4|live-5) echo "disk full on /var" >&2; exit 2 ;;\n  *) echo "disk ok" ;;\nesac\n',
    parameters: [],
  })
  await addBashScript(request, 'liveco', {
    name: 'Hostile',
    content: [
      "printf '%s\\n' '<script>window.__pwned = 1</script>' '<img src=x onerror=\"window.__pwned = 2\">'",
      "printf '\\033[31mred alert\\033[0m and \\033[1;32mbold green\\033[0m\\n'",
      '',
    ].join('\n'),
    parameters: [],
  })
})

test('output appears while the hosts print it, and a reload shows every line once', async ({ page }) => {
  const request = await as(page, people.admin)
  const runId = await start(request, 'Ticker')
  await page.goto(`/liveco/runs/${runId}`)
  const stdout = runLog(page, 'stdout')
  await expect(page.getByRole('region', { name: 'Output of live-1' })).toBeVisible()
  await expect(stdout).toContainText('tick 3 from live-1', { timeout: 10_000 })
  // Lines arrive before the run ends: it prints for five seconds.
  await expect(runStatus(page)).toHaveText('Running')
  expect((await logLines(stdout)).length).toBeLessThan(25)

  await page.reload()
  await expect(stdout).toContainText('tick 8 from live-1', { timeout: 10_000 })
  await expect(runStatus(page)).toHaveText('Succeeded', { timeout: 20_000 })
  expect(await logLines(stdout)).toEqual(ticks('live-1', 25))

  await openTarget(page, 'live-3')
  await expect(page).toHaveURL(/target=/)
  await expect.poll(() => logLines(runLog(page, 'stdout'))).toEqual(ticks('live-3', 25))
  const region = page.getByRole('region', { name: 'Output of live-3' })
  await expect(region).toContainText('pool-0')
  await expect(region).toContainText('eu-west')
  await expect(page.getByRole('group', { name: 'Targets by status' })).toContainText('5')
})

test('cancel from the page stops every host: "Cancelled", and nothing left running', async ({ page }) => {
  const request = await as(page, people.admin)
  const runId = await start(request, 'Ticker')
  await page.goto(`/liveco/runs/${runId}`)
  await expect(runLog(page, 'stdout')).toContainText('tick 2 from live-1', { timeout: 10_000 })
  expect(remoteProcesses().length).toBeGreaterThan(0)
  await page.getByRole('button', { name: 'Cancel run' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel run' }).click()
  await expect(runStatus(page)).toHaveText('Cancelled', { timeout: 15_000 })
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeHidden()
  await expect(page.getByRole('group', { name: 'Targets by status' })).toContainText('Cancelled')
  expect(remoteProcesses()).toEqual([])
})

test('identical results group; a group, a status and a search are a URL; failed-only re-run', async ({
  page,
  browser,
}) => {
  const request = await as(page, people.admin)
  finishedRun = await start(request, 'Disk check')
  await page.goto(`/liveco/runs/${finishedRun}`)
  await expect(runStatus(page)).toHaveText('Failed', { timeout: 20_000 })
  const results = page.getByRole('region', { name: 'Results' })
  await expect(results.getByRole('heading')).toHaveText('2 distinct results')
  await expect(results.getByRole('button')).toHaveText([/Succeeded.*3 hosts/, /Failed.*exit 2.*2 hosts/])

  await results.getByRole('button', { name: /Failed/ }).click()
  await expect(page).toHaveURL(/group=/)
  const targetRows = page.getByRole('list', { name: 'Targets' }).getByRole('button')
  await expect(targetRows).toHaveCount(2)
  await expect(targetRows).toHaveText([/live-4/, /live-5/])
  await expect(runLog(page, 'stderr')).toContainText('disk full on /var')
  const grouped = page.url()

  await page.getByRole('button', { name: 'Show all targets' }).click()
  await expect(targetRows).toHaveCount(5)
  await page.getByLabel('Search output').fill('DISK OK')
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page).toHaveURL(/q=DISK\+OK|q=DISK%20OK/)
  await expect(page.getByText('3 of 5 targets printed “DISK OK”')).toBeVisible()
  await expect(targetRows).toHaveText([/live-1/, /live-2/, /live-3/])
  await expect(runLog(page, 'stdout').locator('mark')).toHaveText('disk ok')
  const searched = page.url()

  const other = await browser.newPage()
  await signIn(other, { email: people.admin, password })
  await other.goto(grouped)
  await expect(other.getByRole('region', { name: 'Results' }).getByRole('button', { pressed: true })).toContainText(
    '2 hosts',
  )
  await expect(other.getByRole('list', { name: 'Targets' }).getByRole('button')).toHaveText([/live-4/, /live-5/])
  await expect(runLog(other, 'stderr')).toContainText('disk full on /var')
  await other.goto(searched)
  await expect(other.getByLabel('Search output')).toHaveValue('DISK OK')
  await expect(other.getByRole('list', { name: 'Targets' }).getByRole('button')).toHaveCount(3)
  await other.goto(`/liveco/runs/${finishedRun}?status=failed`)
  await expect(
    other.getByRole('group', { name: 'Targets by status' }).getByRole('button', { pressed: true }),
  ).toContainText('Failed')
  await expect(other.getByRole('list', { name: 'Targets' }).getByRole('button')).toHaveCount(2)
  await other.close()

  await page.getByRole('button', { name: 'Re-run failed' }).click()
  await expect(page).not.toHaveURL(new RegExp(finishedRun))
  await expect(page.getByText(`re-run of ${finishedRun}`)).toBeVisible()
  await expect(runStatus(page)).toHaveText('Failed', { timeout: 20_000 })
  await expect(page.getByRole('list', { name: 'Targets' }).getByRole('button')).toHaveText([/live-4/, /live-5/])
})

test('host output is text: markup stays literal, ANSI colours render', async ({ page }) => {
  const request = await as(page, people.admin)
  const runId = await start(request, 'Hostile')
  await page.goto(`/liveco/runs/${runId}`)
  await expect(runStatus(page)).toHaveText('Succeeded', { timeout: 20_000 })
  const stdout = runLog(page, 'stdout')
  // The status may come with the page before the stream has delivered the output.
  await expect
    .poll(() => logLines(stdout))
    .toEqual([
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="window.__pwned = 2">',
      'red alert and bold green',
    ])
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
  await expect(stdout.locator('img')).toHaveCount(0)
  await expect(stdout.getByText('red alert', { exact: true })).toHaveCSS('color', 'rgb(187, 0, 0)')
  await expect(stdout.getByText('bold green', { exact: true })).toHaveCSS('font-weight', '700')
})

test('the events endpoint: resumes after Last-Event-ID; 401, 404 across tenants; a viewer reads but cannot act', async ({
  page,
}) => {
  let request = await as(page, people.admin)
  const events = (id: string, headers: Record<string, string> = {}, query = '') =>
    request.get(`/api/runs/${id}/events${query}`, { headers })
  const db = e2eDatabase()
  const live4 = (
    db.prepare("SELECT id FROM TargetRun WHERE runId = ? AND targetName = 'live-4'").get(finishedRun) as { id: string }
  ).id
  db.close()

  const whole = await events(finishedRun, {}, `?targetRun=${live4}`)
  expect(whole.status()).toBe(200)
  expect(whole.headers()['content-type']).toContain('text/event-stream')
  const body = await whole.text()
  expect(body).toContain('event: end')
  expect(body).toContain('disk full on /var')
  const lastId = [...body.matchAll(/^id: (\d+)$/gm)].map((m) => m[1]).at(-1)!
  const resumed = await (await events(finishedRun, { 'last-event-id': lastId }, `?targetRun=${live4}`)).text()
  expect(resumed).not.toContain('disk full on /var')
  expect(resumed).toContain('event: end')

  const download = await request.get(`/api/runs/${finishedRun}/targets/${live4}/output?stream=stderr`)
  expect(download.headers()['content-disposition']).toContain('attachment')
  expect(await download.text()).toBe('disk full on /var\n')

  request = await as(page, people.rival)
  expect((await events(finishedRun)).status()).toBe(404)
  expect(await (await events(finishedRun)).json()).toEqual({ error: 'Not found.' })
  expect((await request.get(`/api/runs/${finishedRun}/targets/${live4}/output`)).status()).toBe(404)
  expect((await events('no-such-run')).status()).toBe(404)

  request = await as(page, people.viewer)
  expect((await events(finishedRun)).status()).toBe(200)
  await page.goto(`/liveco/runs/${finishedRun}`)
  await expect(runStatus(page)).toHaveText('Failed')
  await expect(page.getByRole('button', { name: /Re-run/ })).toHaveCount(0)
  const rerun = await callAction(request, `/liveco/runs/${finishedRun}`, 'rerunAction', {
    tenant: 'liveco',
    id: finishedRun,
    only: 'all',
  })
  expect(rerun.serverError).toBe('You do not have permission to do that.')
  const cancel = await callAction(request, `/liveco/runs/${finishedRun}`, 'cancelRunAction', {
    tenant: 'liveco',
    id: finishedRun,
  })
  expect(cancel.serverError).toBe('You do not have permission to do that.')

  await page.context().clearCookies()
  expect((await page.request.get(`/api/runs/${finishedRun}/events`)).status()).toBe(401)
})
