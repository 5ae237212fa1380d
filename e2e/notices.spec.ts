import { type Browser, expect, type Page, test } from '@playwright/test'
import { type SshHost, startSshd } from '../tests/support/sshd'
import { callAction, e2eDatabase } from './server-actions'
import { addBashScript, addTargets, scriptIdOf, setUpTenants, signIn, switchUser, trustPlatformKey } from './support'

// The notice centre (PRODUCT.md §7): a task's Notifications section says who hears of a
// run's end; a run that fails for real puts a notice in their bell, which counts it without
// a reload; the notices page reads them one by one, by following one, or all at once; and
// nobody else, in this tenant or another, sees or touches them.

test.describe.configure({ mode: 'serial' })

const password = 'notice-password-1'
const people = { admin: 'admin@noticeco.test', viewer: 'viewer@noticeco.test', rival: 'viewer@noticerival.test' }
const TASK = 'Nightly disk check'
let host: SshHost
let taskId = ''

test.beforeAll(async () => {
  host = await startSshd()
})
test.afterAll(async () => {
  await host?.stop()
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

const userId = (email: string) => query<{ id: string }>('SELECT id FROM User WHERE email = ?', email)[0].id
const noticesOf = (email: string) =>
  query<{ id: string; title: string; link: string; readAt: unknown }>(
    'SELECT n.id, n.title, n.link, n.readAt FROM Notice n JOIN User u ON u.id = n.userId WHERE u.email = ? ORDER BY n.createdAt',
    email,
  )
const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Notices: / })

const taskInput = (notify?: unknown) => ({
  tenant: 'noticeco',
  name: TASK,
  type: 'manual',
  steps: [{ kind: 'script', scriptId: scriptIdOf('noticeco', 'Disk check'), parameters: {} }],
  labels: ['disk'],
  ...(notify ? { notify } : {}),
})

/** Runs the task as the admin and waits for the run to fail on the host. */
async function failedRun(page: Page) {
  const started = await callAction(page.request, `/noticeco/tasks/${taskId}`, 'runTaskNowAction', {
    tenant: 'noticeco',
    id: taskId,
  })
  expect(started.serverError, JSON.stringify(started)).toBeUndefined()
  const runId = (started.data as { runId: string }).runId
  await expect
    .poll(() => query<{ status: string }>('SELECT status FROM Run WHERE id = ?', runId)[0].status, { timeout: 20_000 })
    .toBe('failed')
  return runId
}

/** A second browser signed in as someone else, so the first page stays as it is. */
async function signedInElsewhere(browser: Browser, email: string) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL })
  const page = await context.newPage()
  await signIn(page, { email, password })
  return page
}

test('set up a tenant with a target on a real sshd, a failing script and a task running it', async ({ page }) => {
  await setUpTenants(
    page,
    [
      ['Notice Co', 'noticeco'],
      ['Notice Rival', 'noticerival'],
    ],
    [
      [people.admin, 'noticeco', 'admin'],
      [people.viewer, 'noticeco', 'viewer'],
      [people.rival, 'noticerival', 'viewer'],
    ],
    password,
  )
  const request = await as(page, people.admin)
  await trustPlatformKey(page, 'noticeco', host)
  await addTargets(request, 'noticeco', host, [['disk-1', 'disk']])
  await addBashScript(request, 'noticeco', {
    name: 'Disk check',
    content: 'echo "disk full on /var" >&2\nexit 2\n',
    parameters: [],
  })
  const created = await callAction(request, '/noticeco/tasks/new', 'createTaskAction', taskInput())
  expect(created.serverError, JSON.stringify(created)).toBeUndefined()
  taskId = (created.data as { id: string }).id
})

test('the task form’s Notifications section saves who hears of a run’s end; others’ people are refused', async ({
  page,
}) => {
  const request = await as(page, people.admin)
  await page.goto(`/noticeco/tasks/${taskId}/edit`)
  const when = page.getByRole('group', { name: 'When a run ends' })
  await expect(when.getByLabel('Failed')).toBeChecked()
  await expect(when.getByLabel('Timed out')).toBeChecked()
  await expect(when.getByLabel('Succeeded')).not.toBeChecked()
  await expect(page.getByRole('group', { name: 'Notice to everyone who is' }).getByLabel('Tenant admin')).toBeChecked()
  const channels = page.getByRole('group', { name: 'Send through these channels' })
  await expect(channels).toContainText('No channels yet — add one in Settings → Notifications')
  await expect(channels.getByRole('link', { name: 'Settings → Notifications' })).toHaveAttribute(
    'href',
    '/noticeco/settings/channels',
  )
  await when.getByLabel('Cancelled').check()
  await page.getByRole('group', { name: 'And to these members' }).getByLabel(people.viewer).check()
  await page.getByRole('button', { name: 'Save task' }).click()
  await expect(page).toHaveURL(new RegExp(`/noticeco/tasks/${taskId}$`))
  await expect(page.getByTestId('task-notify-summary')).toHaveText(
    'When a run ends failed, timed out, interrupted or cancelled:' +
      'In-app notice to everyone who is Tenant admin and viewer.No channel messages.',
  )

  const stored = () => JSON.parse(query<{ notify: string }>('SELECT notify FROM Task WHERE id = ?', taskId)[0].notify)
  expect(stored()).toEqual({
    on: ['failed', 'timed_out', 'interrupted', 'cancelled'],
    roles: ['admin'],
    userIds: [userId(people.viewer)],
    channelIds: [],
  })
  // Over raw HTTP: someone of another tenant and a made-up channel are named field by field.
  const refused = await callAction(request, `/noticeco/tasks/${taskId}/edit`, 'updateTaskAction', {
    ...taskInput({ userIds: [userId(people.rival)], channelIds: ['no-such-channel'] }),
    id: taskId,
  })
  expect(refused.validationErrors).toEqual({
    formErrors: [],
    fieldErrors: {
      'notify.userIds': ['Some chosen people are not members of this tenant. Choose again.'],
      'notify.channelIds': ['Some chosen channels no longer exist. Choose again.'],
    },
  })
  expect(stored().userIds).toEqual([userId(people.viewer)])
})

test('a run that fails puts a notice in the bell without a reload; reading it empties the bell', async ({
  page,
  browser,
}) => {
  // Three real runs and up to two bell polls.
  test.setTimeout(90_000)
  await as(page, people.viewer)
  await page.goto(`/noticeco/tasks/${taskId}`)
  await expect(bell(page)).toHaveAccessibleName('Notices: none unread')
  await page.evaluate(() => Object.assign(window, { samePage: true }))

  const admin = await signedInElsewhere(browser, people.admin)
  const runId = await failedRun(admin)
  const runPage = `/noticeco/tasks/${taskId}/runs/${runId}`

  // The bell polls every ten seconds.
  await expect(bell(page)).toHaveAccessibleName('Notices: 1 unread', { timeout: 20_000 })
  await expect(bell(page).getByTestId('unread-notices')).toHaveText('1')
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true)
  expect(noticesOf(people.viewer).map((n) => [n.title, n.link])).toEqual([[`${TASK}: failed`, runPage]])

  // The viewer cannot read the admin's notice, whatever id is sent.
  const [adminNotice] = noticesOf(people.admin)
  const foreign = await callAction(page.request, '/noticeco/notices', 'markNoticeReadAction', {
    tenant: 'noticeco',
    id: adminNotice.id,
  })
  expect(foreign.serverError).toBe('Not found.')
  expect(noticesOf(people.admin)[0].readAt).toBeNull()

  await bell(page).click()
  await expect(page).toHaveURL(/\/noticeco\/notices$/)
  const row = page.getByRole('row', { name: new RegExp(`${TASK}: failed`) })
  await expect(row.getByRole('link', { name: `${TASK}: failed` })).toHaveAttribute('href', runPage)
  await expect(row.locator('[data-status]')).toHaveText('Failed')
  const state = row.getByRole('cell').last()
  await expect(state).toContainText('Unread')
  await state.getByRole('button', { name: `Mark read: ${TASK}: failed` }).click()
  await expect(state).toHaveText('Read')
  await expect(bell(page)).toHaveAccessibleName('Notices: none unread')
  await page.goto('/noticeco/notices?state=unread')
  await expect(page.getByText('No notices match.')).toBeVisible()

  // The admin follows a notice to its run: that reads it.
  await admin.goto('/noticeco/notices')
  await expect(bell(admin)).toHaveAccessibleName('Notices: 1 unread')
  await admin.getByRole('link', { name: `${TASK}: failed` }).click()
  await expect(admin).toHaveURL(new RegExp(`${runPage}$`))
  await expect(bell(admin)).toHaveAccessibleName('Notices: none unread')
  expect(noticesOf(people.admin)[0].readAt).not.toBeNull()

  // Two more failures, then all read at once.
  await failedRun(admin)
  await failedRun(admin)
  await admin.goto('/noticeco/notices?state=unread')
  await expect(bell(admin)).toHaveAccessibleName('Notices: 2 unread')
  await expect(admin.getByRole('row', { name: /Unread/ })).toHaveCount(2)
  await admin.getByRole('button', { name: 'Mark all read' }).click()
  await expect(admin.getByText('No notices match.')).toBeVisible()
  await expect(bell(admin)).toHaveAccessibleName('Notices: none unread')
  expect(noticesOf(people.admin).filter((n) => n.readAt === null)).toEqual([])
  // The viewer's own notices are theirs to read.
  expect(noticesOf(people.viewer).filter((n) => n.readAt === null)).toHaveLength(2)
  await admin.context().close()
})

test('a viewer of another tenant never sees or touches them', async ({ page }) => {
  const request = await as(page, people.rival)
  await page.goto('/noticerival/notices')
  await expect(page.getByText('No notices match.')).toBeVisible()
  await expect(bell(page)).toHaveAccessibleName('Notices: none unread')
  expect((await page.goto('/noticeco/notices'))?.status()).toBe(404)
  expect((await request.get('/api/tenants/noticeco/notices/unread')).status()).toBe(404)
  expect(await (await request.get('/api/tenants/noticerival/notices/unread')).json()).toEqual({ count: 0 })

  const unread = noticesOf(people.viewer).filter((n) => n.readAt === null)
  for (const tenant of ['noticeco', 'noticerival']) {
    const one = await callAction(request, `/${tenant}/notices`, 'markNoticeReadAction', { tenant, id: unread[0].id })
    expect(one.serverError).toBe('Not found.')
  }
  const all = await callAction(request, '/noticeco/notices', 'markAllNoticesReadAction', { tenant: 'noticeco' })
  expect(all.serverError).toBe('Not found.')
  expect(noticesOf(people.viewer).filter((n) => n.readAt === null)).toHaveLength(unread.length)
})
