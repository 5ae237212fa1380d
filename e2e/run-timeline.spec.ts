import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import { type SshHost, startSshd } from '../tests/support/sshd'
import { callAction, e2eDatabase } from './server-actions'
import { addBashScript, addTargets, runLog, scriptIdOf, setUpTenants, switchUser, trustPlatformKey } from './support'

// Insights on runs (PRODUCT.md §9): the run page's timeline of when each host started and
// ended, and the task page's chart of recent run durations with its failure-streak warning.

test.describe.configure({ mode: 'serial' })

const password = 'timeline-password-1'
const people = { admin: 'admin@timelineco.test' }
// Sleeps far enough apart that SSH set-up time on a busy machine cannot reorder them.
const sleeps = { 'tl-1': 0.2, 'tl-2': 1.5, 'tl-3': 3, 'tl-4': 4.5 }
const hosts = Object.keys(sleeps)
let host: SshHost
let sleepyTask = ''
let failingTask = ''

test.beforeAll(async () => {
  host = await startSshd()
})
test.afterAll(async () => {
  await host?.stop()
})

async function createTask(request: APIRequestContext, name: string, script: string) {
  const created = await callAction(request, '/timelineco/tasks/new', 'createTaskAction', {
    tenant: 'timelineco',
    name,
    type: 'manual',
    steps: [{ kind: 'script', scriptId: scriptIdOf('timelineco', script), parameters: {} }],
    labels: ['tl'],
    parallelism: 10,
  })
  expect(created.serverError, JSON.stringify(created)).toBeUndefined()
  return (created.data as { id: string }).id
}

async function runTask(request: APIRequestContext, taskId: string) {
  const run = await callAction(request, `/timelineco/tasks/${taskId}`, 'runTaskNowAction', {
    tenant: 'timelineco',
    id: taskId,
  })
  expect(run.serverError, JSON.stringify(run)).toBeUndefined()
  const runId = (run.data as { runId: string }).runId
  await expect
    .poll(
      () => {
        const db = e2eDatabase()
        try {
          return (db.prepare('SELECT finishedAt FROM Run WHERE id = ?').get(runId) as { finishedAt: number | null })
            .finishedAt
        } finally {
          db.close()
        }
      },
      { timeout: 30_000 },
    )
    .not.toBeNull()
  return runId
}

const lanes = (page: Page) => page.getByRole('list', { name: 'Target-runs by start' })
const bar = (page: Page, name: string) => lanes(page).locator(`button[data-target="${name}"] [data-bar]`)

test('set up a tenant with four targets on a real sshd, a sleepy task and a failing one', async ({ page }) => {
  await setUpTenants(page, [['Timeline Co', 'timelineco']], [[people.admin, 'timelineco', 'admin']], password)
  const request = await switchUser(page, people.admin, password)
  await trustPlatformKey(page, 'timelineco', host)
  await addTargets(
    request,
    'timelineco',
    host,
    hosts.map((name) => [name, 'tl']),
  )
  const cases = Object.entries(sleeps)
    .map(([name, s]) => `  ${name}) sleep ${s} ;;`)
    .join('\n')
  await addBashScript(request, 'timelineco', {
    name: 'Sleepy',
    content: `case $FANOUT_TARGET_NAME in\n${cases}\nesac\necho "done on $FANOUT_TARGET_NAME"\n[ "$FANOUT_TARGET_NAME" != tl-4 ]\n`,
    parameters: [],
  })
  await addBashScript(request, 'timelineco', { name: 'Broken', content: 'echo broken >&2\nexit 1\n', parameters: [] })
  sleepyTask = await createTask(request, 'Sleepy hosts', 'Sleepy')
  failingTask = await createTask(request, 'Always broken', 'Broken')
})

test('the timeline draws a bar per host as long as it ran; a bar opens its log; the view is a URL', async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000)
  const request = await switchUser(page, people.admin, password)
  const runId = await runTask(request, sleepyTask)
  await page.goto(`/timelineco/tasks/${sleepyTask}/runs/${runId}`)
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Timeline' }).click()
  await expect(page).toHaveURL(/view=timeline/)
  await expect(page.getByRole('list', { name: 'Targets' })).toHaveCount(0)

  for (const name of hosts) await expect(bar(page, name)).toHaveCount(1)
  await expect(bar(page, 'tl-4')).toHaveAttribute('data-status', 'failed')
  await expect(bar(page, 'tl-1')).toHaveAttribute('data-status', 'succeeded')
  const widths = []
  for (const name of hosts) widths.push((await bar(page, name).boundingBox())!.width)
  expect(widths).toEqual([...widths].sort((a, b) => a - b))
  expect(widths[3]).toBeGreaterThan(widths[0] * 3)
  // Lanes are in order of start; the text fallback names the slowest first.
  const summary = page.getByRole('group', { name: 'Timeline summary' })
  await expect(summary.getByRole('listitem').first()).toContainText('tl-4')
  await expect(summary).toContainText('Last end')

  const timelineUrl = page.url()
  await page.reload()
  await expect(bar(page, 'tl-2')).toBeVisible()
  await expect(page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Timeline' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  const other = await browser.newPage()
  await switchUser(other, people.admin, password)
  await other.goto(timelineUrl)
  await expect(bar(other, 'tl-3')).toBeVisible()
  await other.close()

  await bar(page, 'tl-3').click()
  await expect(page).toHaveURL(/target=/)
  await expect(page).not.toHaveURL(/view=timeline/)
  await expect(page.getByRole('region', { name: 'Output of tl-3' })).toBeVisible()
  await expect(runLog(page, 'stdout')).toContainText('done on tl-3')
  // Back returns to the timeline.
  await page.goBack()
  await expect(bar(page, 'tl-3')).toBeVisible()
})

test('the task page charts its recent runs and warns of a failure streak', async ({ page }) => {
  test.setTimeout(60_000)
  const request = await switchUser(page, people.admin, password)
  const runs = [await runTask(request, failingTask), await runTask(request, failingTask)]
  await page.goto(`/timelineco/tasks/${failingTask}`)
  await expect(page.getByRole('alert').filter({ hasText: 'failed' })).toHaveCount(0)
  runs.push(await runTask(request, failingTask))
  await page.reload()

  const chart = page.getByTestId('duration-chart')
  await expect(chart.getByRole('group', { name: 'Duration of the last 3 runs' }).getByRole('link')).toHaveCount(3)
  await expect(chart).toContainText('3 runs: 3 failed.')
  await chart.getByText('Show as a table').click()
  const rows = chart.getByRole('table', { name: 'Recent runs' }).getByRole('row')
  await expect(rows).toHaveCount(4)
  await expect(rows.nth(1).locator('[data-status]')).toHaveText('Failed')

  const warning = page.getByRole('alert').filter({ hasText: 'The last 3 runs failed.' })
  await expect(warning).toBeVisible()
  await warning.getByRole('link', { name: 'Open the latest' }).click()
  await expect(page).toHaveURL(new RegExp(`/tasks/${failingTask}/runs/${runs[2]}`))

  await page.goto(`/timelineco/tasks/${sleepyTask}`)
  await expect(page.getByTestId('duration-chart')).toContainText('1 run: 1 failed.')
  await expect(page.getByRole('alert').filter({ hasText: 'runs failed' })).toHaveCount(0)
})
