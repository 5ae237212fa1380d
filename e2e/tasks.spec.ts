import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import { type SshHost, startSshd } from '../tests/support/sshd'
import { callAction, e2eDatabase } from './server-actions'
import { addBashScript, addTargets, openTarget, runLog, setUpTenants, switchUser, trustPlatformKey } from './support'

// Tasks end to end: a cron task built in the browser (two steps, a label), its schedule
// previewed as it is typed, fires the scheduler queues, Run now with an override, stop, and
// the role and tenant boundaries over raw HTTP.

test.describe.configure({ mode: 'serial' })

const password = 'tasker-password-1'
const people = {
  admin: 'admin@taskco.test',
  viewer: 'viewer@taskco.test',
  rival: 'admin@taskrival.test',
}
// Every 10 seconds (6 fields, seconds first): fires come quickly enough to watch.
const CRON = '*/10 * * * * *'
const FIRE_EVERY_MS = 10_000
const MOTD = 'hello from a file step\n'
let host: SshHost
let uploadDir = ''
let taskId = ''

test.beforeAll(async () => {
  host = await startSshd()
  // The file step's destination must exist and be writable by the SSH login user.
  uploadDir = mkdtempSync(path.join(tmpdir(), 'fanout-e2e-task-'))
  execFileSync('chown', [host.username, uploadDir])
})
test.afterAll(async () => {
  await host?.stop()
  if (uploadDir) rmSync(uploadDir, { recursive: true, force: true })
})

const as = (page: Page, email: string) => switchUser(page, email, password)

function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = e2eDatabase()
  try {
    return db.prepare(sql).all(...args) as T[]
  } finally {
    db.close()
  }
}

/** The task's runs queued by the scheduler, with when each was queued. */
const scheduledRuns = () =>
  query<{ id: string; createdAt: string | number }>(
    "SELECT id, createdAt FROM Run WHERE taskId = ? AND triggeredByType = 'schedule'",
    taskId,
  ).map((r) => ({ id: r.id, createdAt: new Date(r.createdAt) }))

const runCount = () => query<{ n: number }>('SELECT count(*) AS n FROM Run WHERE taskId = ?', taskId)[0].n

test('set up a tenant with labelled targets on a real sshd and a script with a parameter', async ({ page }) => {
  await setUpTenants(
    page,
    [
      ['Task Co', 'taskco'],
      ['Task Rival', 'taskrival'],
    ],
    [
      [people.admin, 'taskco', 'admin'],
      [people.viewer, 'taskco', 'viewer'],
      [people.rival, 'taskrival', 'admin'],
    ],
    password,
  )
  const request = await as(page, people.admin)
  await trustPlatformKey(page, 'taskco', host)
  await addTargets(request, 'taskco', host, [
    ['app-1', 'app'],
    ['app-2', 'app'],
    ['db-1', 'db'],
  ])
  await addBashScript(request, 'taskco', {
    name: 'Announce',
    content: 'echo "$1 on $FANOUT_TARGET_NAME"\n',
    parameters: [{ name: 'GREETING', type: 'string', description: '', required: true, default: 'hi', options: [] }],
  })
})

test('an admin builds a cron task in the browser: the schedule is previewed as it is typed', async ({ page }) => {
  await as(page, people.admin)
  await page.goto('/taskco/tasks')
  await page.getByRole('link', { name: 'New task' }).click()
  await expect(page).toHaveURL(/\/taskco\/tasks\/new$/)

  // Refused by the server: each error beside its field, and what was typed stays.
  await page.getByLabel('Name', { exact: true }).fill('Heartbeat')
  await page.getByRole('button', { name: 'Create task' }).click()
  await expect(page.getByText('Add at least one step.')).toBeVisible()
  await expect(page.getByText('Choose at least one target or label.')).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Heartbeat')

  await page.getByLabel('Type', { exact: true }).selectOption('cron')
  await expect(page.getByText('Your browser’s zone.')).toBeVisible()
  await page.getByLabel('Time zone', { exact: true }).selectOption('Asia/Tokyo')
  const cron = page.getByLabel('Cron expression', { exact: true })
  await cron.fill('* * *')
  await expect(
    page.getByText('A cron expression has 5 fields (minute hour day month weekday) or 6 (seconds first); this has 3.'),
  ).toBeVisible()
  await cron.fill('0 25 * * *')
  await expect(page.getByText('Not a valid cron expression: CronPattern: Invalid value for hour: 25')).toBeVisible()
  await expect(page.getByRole('list', { name: /Next \d fires/ })).toHaveCount(0)
  await cron.fill(CRON)
  const preview = page.getByRole('list', { name: 'Next 5 fires in Asia/Tokyo' })
  await expect(preview.getByRole('listitem')).toHaveText(Array(5).fill(/^\d{2} \w{3} \d{4}, \d{2}:\d{2}:\d0 GMT\+9$/))

  await page.getByRole('button', { name: 'Add script step' }).click()
  const scriptStep = page.getByRole('listitem', { name: 'Step 1: script' })
  await scriptStep.getByLabel('Script', { exact: true }).selectOption({ label: 'Announce' })
  await expect(scriptStep.getByLabel('Version', { exact: true })).toHaveValue('')
  await expect(scriptStep.getByLabel('GREETING')).toHaveValue('hi')
  await scriptStep.getByLabel('GREETING').fill('hello from cron')

  await page.getByRole('button', { name: 'Add file step' }).click()
  const fileStep = page.getByRole('listitem', { name: 'Step 2: files' })
  await fileStep.getByLabel('Files', { exact: true }).setInputFiles({
    name: 'motd.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(MOTD),
  })
  await expect(fileStep.getByRole('list', { name: 'Files of step 2' })).toContainText(`motd.txt${MOTD.length} B`)
  await fileStep.getByLabel('Directory on the targets').fill(uploadDir)
  await fileStep.getByLabel('Mode', { exact: true }).fill('0640')

  // Reordering moves a step with what was typed into it.
  await page.getByRole('button', { name: 'Move step 2 up' }).click()
  await expect(page.getByRole('listitem', { name: 'Step 1: files' })).toBeVisible()
  await page.getByRole('button', { name: 'Move step 1 down' }).click()
  await expect(page.getByRole('listitem', { name: 'Step 1: script' }).getByLabel('GREETING')).toHaveValue(
    'hello from cron',
  )

  await page.getByLabel('Label app').check()
  await page.getByRole('button', { name: 'Create task' }).click()
  await expect(page).toHaveURL(/\/taskco\/tasks\/(?!new$)[a-z0-9]+$/)
  taskId = page.url().split('/').pop()!

  await expect(page.getByRole('heading', { name: 'Heartbeat' })).toBeVisible()
  await expect(page.getByText(`On the cron schedule ${CRON} in Asia/Tokyo.`)).toBeVisible()
  await expect(page.getByRole('list', { name: 'Next 5 fires' }).getByRole('listitem')).toHaveCount(5)
  await expect(page.getByLabel('Step 1 parameters')).toContainText('hello from cron')
  await expect(page.getByLabel('Step 2 files')).toContainText('motd.txt')
  await expect(page.getByText('app · 2 now')).toBeVisible()

  await page.getByRole('navigation', { name: 'Task sections' }).getByRole('link', { name: 'Targets' }).click()
  await expect(page.getByRole('list', { name: 'Labels' })).toContainText('app2 targets now')

  await page.goto('/taskco/tasks')
  const row = page.getByRole('row', { name: /Heartbeat/ })
  await expect(row).toContainText('Cron')
  await expect(row).toContainText('Announce, 1 file step')
  await expect(row).toContainText(/GMT\+9/)
})

test('the scheduler fires the task: the run appears in the Runs tab and succeeds', async ({ page }) => {
  test.setTimeout(90_000)
  await as(page, people.admin)
  await page.goto(`/taskco/tasks/${taskId}?tab=runs`)
  const fired = page.getByRole('row', { name: /Schedule/ })
  await expect(async () => {
    await page.reload()
    await expect(fired.first()).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 45_000 })
  await expect(page.getByRole('row', { name: /Succeeded.*Schedule/ }).first()).toBeVisible({ timeout: 20_000 })

  await page.goto('/taskco/tasks?last=succeeded')
  await expect(page.getByRole('row', { name: /Heartbeat/ })).toBeVisible()
})

test('Run now with an overridden parameter lands on the run page and succeeds on every target', async ({ page }) => {
  await as(page, people.admin)
  await page.goto(`/taskco/tasks/${taskId}`)
  await page.getByRole('button', { name: 'Run now' }).click()
  const dialog = page.getByRole('dialog', { name: 'Run now' })
  await expect(dialog.getByLabel('GREETING')).toHaveValue('hello from cron')
  await dialog.getByLabel('GREETING').fill('overridden now')
  await dialog.getByRole('button', { name: 'Start run' }).click()

  await expect(page).toHaveURL(new RegExp(`/taskco/tasks/${taskId}/runs/[a-z0-9]+$`))
  await expect(page.getByText('Succeeded', { exact: true }).first()).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('group', { name: 'Targets by status' }).getByRole('button')).toHaveText([
    /^Succeeded\s*4/,
  ])
  await expect(page.getByLabel('Step 1 parameters')).toContainText('overridden now')
  for (const name of ['app-1', 'app-2']) {
    await openTarget(page, name, 1)
    await expect(runLog(page, 'stdout')).toContainText(`overridden now on ${name}`)
    await openTarget(page, name, 2)
    await expect(runLog(page, 'stdout')).toContainText(
      `uploaded motd.txt (${MOTD.length} B) to ${uploadDir}/motd.txt, mode 0640`,
    )
  }
  expect(readFileSync(path.join(uploadDir, 'motd.txt'), 'utf8')).toBe(MOTD)
  expect(statSync(path.join(uploadDir, 'motd.txt')).mode & 0o777).toBe(0o640)

  // The override was for that run only: the task keeps its value.
  await page.goto(`/taskco/tasks/${taskId}`)
  await expect(page.getByLabel('Step 1 parameters')).toContainText('hello from cron')
})

test('the edit form starts from what was stored and saves a change', async ({ page }) => {
  await as(page, people.admin)
  await page.goto(`/taskco/tasks/${taskId}`)
  await page.getByRole('link', { name: 'Edit', exact: true }).click()
  await expect(page).toHaveURL(`/taskco/tasks/${taskId}/edit`)
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Heartbeat')
  await expect(page.getByLabel('Cron expression', { exact: true })).toHaveValue(CRON)
  await expect(page.getByLabel('Time zone', { exact: true })).toHaveValue('Asia/Tokyo')
  await expect(page.getByRole('listitem', { name: 'Step 1: script' }).getByLabel('GREETING')).toHaveValue(
    'hello from cron',
  )
  const fileStep = page.getByRole('listitem', { name: 'Step 2: files' })
  await expect(fileStep.getByRole('list', { name: 'Files of step 2' })).toContainText('motd.txt')
  await expect(fileStep.getByLabel('Mode', { exact: true })).toHaveValue('0640')
  await expect(page.getByLabel('Label app')).toBeChecked()

  await page.getByLabel('Targets at once').fill('0')
  await page.getByRole('button', { name: 'Save task' }).click()
  await expect(page.getByText('At least 1.')).toBeVisible()
  await page.getByLabel('Targets at once').fill('1')
  await page.getByRole('button', { name: 'Save task' }).click()
  await expect(page).toHaveURL(`/taskco/tasks/${taskId}`)
  await expect(page.getByText('1 at once')).toBeVisible()
  await expect(page.getByLabel('Step 1 parameters')).toContainText('hello from cron')
})

test('a stopped task fires no more', async ({ page }) => {
  test.setTimeout(90_000)
  await as(page, people.admin)
  await page.goto(`/taskco/tasks/${taskId}`)
  await page.getByRole('button', { name: 'Stop', exact: true }).click()
  await expect(page.getByTestId('task-state')).toHaveText('Stopped')
  await expect(page.getByText('Stopped: nothing fires until the task is started.')).toBeVisible()
  const stoppedAt = Date.now()

  // Two fire intervals: a fire would fall at least once past the 5 s allowed below.
  await page.waitForTimeout(FIRE_EVERY_MS * 2)
  // Other servers' changes reach a scheduler at its next sync (FANOUT_SCHEDULER_SYNC, 3 s).
  const late = scheduledRuns().filter((r) => r.createdAt.getTime() > stoppedAt + 5_000)
  expect(late).toEqual([])
  await page.goto(`/taskco/tasks/${taskId}?tab=runs`)
  const shown = await page.getByRole('row', { name: /Schedule/ }).count()
  expect(shown).toBe(scheduledRuns().length)
  // Searchable by run id: the Run now run alone.
  const [byHand] = query<{ id: string }>("SELECT id FROM Run WHERE taskId = ? AND triggeredByType = 'user'", taskId)
  await page.getByLabel('Search by run id').fill(byHand.id.slice(0, 12))
  await expect(page.getByRole('row', { name: /Schedule/ })).toHaveCount(0)
  await expect(page.getByRole('row', { name: new RegExp(byHand.id) })).toContainText('admin')

  await page.goto('/taskco/tasks?state=stopped')
  await expect(page.getByRole('row', { name: /Heartbeat/ })).toContainText('Stopped')
})

test('a viewer reads tasks but cannot change or run one, not even over raw HTTP', async ({ page }) => {
  const request = await as(page, people.viewer)
  await page.goto('/taskco/tasks')
  await expect(page.getByRole('row', { name: /Heartbeat/ })).toBeVisible()
  await expect(page.getByRole('link', { name: 'New task' })).toHaveCount(0)
  await page.goto(`/taskco/tasks/${taskId}`)
  await expect(page.getByRole('heading', { name: 'Heartbeat' })).toBeVisible()
  for (const name of ['Run now', 'Start', 'Stop', 'Delete'])
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0)
  expect((await page.goto('/taskco/tasks/new'))?.status()).toBe(404)
  expect((await page.goto(`/taskco/tasks/${taskId}/edit`))?.status()).toBe(404)

  const before = runCount()
  const tasksBefore = query<{ n: number }>('SELECT count(*) AS n FROM Task')[0].n
  const create = await callAction(request, '/taskco/tasks/new', 'createTaskAction', {
    tenant: 'taskco',
    name: 'Sneaky',
    type: 'manual',
    steps: [{ kind: 'script', scriptId: 'x', parameters: {} }],
    labels: ['app'],
  })
  expect(create.serverError).toBe('You do not have permission to do that.')
  const run = await callAction(request, `/taskco/tasks/${taskId}`, 'runTaskNowAction', { tenant: 'taskco', id: taskId })
  expect(run.serverError).toBe('You do not have permission to do that.')
  expect(runCount()).toBe(before)
  expect(query<{ n: number }>('SELECT count(*) AS n FROM Task')[0].n).toBe(tasksBefore)
})

test('another tenant’s admin gets “Not found.” and a 404 page', async ({ page }) => {
  const request = await as(page, people.rival)
  const before = runCount()
  for (const tenant of ['taskco', 'taskrival']) {
    const from = `/${tenant}/tasks/${taskId}`
    const run = await callAction(request, from, 'runTaskNowAction', { tenant, id: taskId })
    expect(run.serverError).toBe('Not found.')
    const start = await callAction(request, from, 'setTaskEnabledAction', { tenant, id: taskId, enabled: true })
    expect(start.serverError).toBe('Not found.')
  }
  expect(runCount()).toBe(before)
  expect(query<{ enabled: number }>('SELECT enabled FROM Task WHERE id = ?', taskId)[0].enabled).toBe(0)
  for (const url of [`/taskrival/tasks/${taskId}`, `/taskco/tasks/${taskId}`, '/taskco/tasks']) {
    const response = await page.goto(url)
    expect(response?.status(), url).toBe(404)
  }
})

test('a script a task uses cannot be deleted; deleting the task keeps its runs, and then the script goes', async ({
  page,
}) => {
  await as(page, people.admin)
  const scriptId = query<{ id: string }>("SELECT id FROM Script WHERE name = 'Announce'")[0].id
  const runs = runCount()
  await page.goto(`/taskco/scripts/${scriptId}`)
  await page.getByRole('button', { name: 'Delete' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete script' }).click()
  await expect(page.getByRole('alertdialog').getByRole('alert')).toHaveText(
    '“Announce” is used by the task “Heartbeat”. Remove it from them first.',
  )
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click()

  await page.goto(`/taskco/tasks/${taskId}`)
  await page.getByRole('button', { name: 'Delete' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete task' }).click()
  await expect(page).toHaveURL(/\/taskco\/tasks$/)
  await expect(page.getByText('“Heartbeat” deleted')).toBeVisible()
  expect(query<{ n: number }>('SELECT count(*) AS n FROM Task WHERE id = ?', taskId)[0].n).toBe(0)
  expect(runCount()).toBe(runs)

  await page.goto(`/taskco/scripts/${scriptId}`)
  await page.getByRole('button', { name: 'Delete' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete script' }).click()
  await expect(page).toHaveURL(/\/taskco\/scripts$/)
  await expect(page.getByText('“Announce” deleted')).toBeVisible()
})
