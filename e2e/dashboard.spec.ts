import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import Database from 'better-sqlite3'
import { admin, setUpTenants, signIn, switchUser } from './support'

// The tenant home and the system admin home (PRODUCT.md §9) against runs, target-runs,
// targets and tasks written straight into the e2e server's database with known days,
// statuses and durations: the figures on the page, read from each chart's table, are the
// seeded ones, a rival tenant's rows never count, and runs in progress update live.

test.describe.configure({ mode: 'serial' })

const password = 'dash-password-1'
const people = { admin: 'admin@dashco.test', rival: 'admin@dashrival.test' }
const HOUR = 3_600_000

// Rows are placed relative to midnight UTC today: the page counts UTC days.
const now = Date.now()
const midnight = now - (now % (24 * HOUR))
const today = new Date(midnight).toISOString().slice(0, 10)
const yesterday = new Date(midnight - 24 * HOUR).toISOString().slice(0, 10)
// Prisma's SQLite format: ISO 8601 in UTC with an explicit offset.
const stamp = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')

let liveRun = ''
const ids: Record<string, string> = {}

function seed(slug: string, build: (db: Database.Database, tenantId: string) => void) {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, 'fanout.db'), { fileMustExist: true, timeout: 15_000 })
  try {
    const { id } = db.prepare('SELECT id FROM Tenant WHERE slug = ?').get(slug) as { id: string }
    db.transaction(() => build(db, id))()
  } finally {
    db.close()
  }
}

function target(db: Database.Database, tenantId: string, name: string, status: string) {
  const id = randomUUID()
  // Checked just now, so the periodic check leaves the seeded status alone.
  db.prepare(
    `INSERT INTO Target (id, tenantId, name, host, username, credentialType, status, lastCheckedAt, updatedAt)
     VALUES (?, ?, ?, ?, 'ops', 'password', ?, ?, ?)`,
  ).run(id, tenantId, name, `${name}.invalid`, status, stamp(now), stamp(now))
  return (ids[name] = id)
}

function task(db: Database.Database, tenantId: string, name: string, fireAt?: number, enabled = true) {
  const id = randomUUID()
  db.prepare(
    `INSERT INTO Task (id, tenantId, name, type, runAt, nextRunAt, enabled, parallelism, timeoutSeconds, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, 60, ?)`,
  ).run(
    id,
    tenantId,
    name,
    fireAt ? 'once' : 'manual',
    fireAt ? stamp(fireAt) : null,
    fireAt && enabled ? stamp(fireAt) : null,
    enabled ? 1 : 0,
    stamp(now),
  )
  return (ids[name] = id)
}

/** A run queued at `at` that took `seconds` (null: still running, its lease far ahead so no engine touches it). */
function run(
  db: Database.Database,
  tenantId: string,
  at: number,
  status: string,
  seconds: number | null,
  taskId: string | null = null,
  targets: [targetId: string, status: string][] = [],
) {
  const id = randomUUID()
  const end = seconds === null ? null : stamp(at + seconds * 1000)
  db.prepare(
    `INSERT INTO Run (id, tenantId, kind, taskId, status, snapshot, triggeredByType, title, createdAt, startedAt,
       finishedAt, notifiedAt, leaseExpiresAt, ownerId)
     VALUES (?, ?, ?, ?, ?, '{}', 'user', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    tenantId,
    taskId ? 'task' : 'script',
    taskId,
    status,
    `Seeded ${status}`,
    stamp(at),
    stamp(at),
    end,
    end ? stamp(now) : null,
    end ? null : stamp(now + 24 * HOUR),
    end ? null : 'elsewhere',
  )
  for (const [targetId, targetStatus] of targets) {
    db.prepare(
      `INSERT INTO TargetRun (id, runId, tenantId, stepIndex, targetId, targetName, status, createdAt)
       VALUES (?, ?, ?, 0, ?, ?, ?, ?)`,
    ).run(randomUUID(), id, tenantId, targetId, targetId, targetStatus, stamp(at))
  }
  return id
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true })
const tile = (page: Page, name: string) => page.getByRole('group', { name, exact: true })

test('set up two tenants and seed a month of runs, targets and tasks in each', async ({ page }) => {
  await setUpTenants(
    page,
    [
      ['Dash Co', 'dashco'],
      ['Dash Rival', 'dashrival'],
    ],
    [
      [people.admin, 'dashco', 'admin'],
      [people.rival, 'dashrival', 'admin'],
    ],
    password,
  )
  seed('dashco', (db, t) => {
    const web1 = target(db, t, 'web-1', 'online')
    const web2 = target(db, t, 'web-2', 'unreachable')
    const db1 = target(db, t, 'db-1', 'auth_failed')
    target(db, t, 'cache-1', 'online')
    const backup = task(db, t, 'nightly-backup')
    const deploy = task(db, t, 'deploy')
    task(db, t, 'report-weekly', now + 48 * HOUR)
    task(db, t, 'cleanup', now + 24 * HOUR)
    task(db, t, 'paused-one', now + HOUR, false)
    // Today: three successes (2, 4, 6 s), one failure (10 s), one still running.
    run(db, t, midnight + 1000, 'succeeded', 2, deploy, [[db1, 'succeeded']])
    run(db, t, midnight + 2000, 'succeeded', 4)
    run(db, t, midnight + 3000, 'succeeded', 6)
    run(db, t, midnight + 4000, 'failed', 10, backup, [
      [web1, 'failed'],
      [web2, 'succeeded'],
    ])
    liveRun = run(db, t, midnight + 5000, 'running', null)
    // Yesterday: a success (8 s) and a time-out (60 s).
    run(db, t, midnight - 12 * HOUR, 'succeeded', 8)
    run(db, t, midnight - 12 * HOUR, 'timed_out', 60, backup, [
      [web1, 'failed'],
      [web2, 'timed_out'],
    ])
  })
  seed('dashrival', (db, t) => {
    const box = target(db, t, 'rival-box', 'host_key_mismatch')
    const job = task(db, t, 'rival-job', now + 2 * HOUR)
    for (let i = 0; i < 5; i++) run(db, t, midnight + 1000 + i, 'failed', 100, job, [[box, 'failed']])
  })
})

test('the tenant home shows the seeded figures, and only its own', async ({ page }) => {
  await switchUser(page, people.admin, password)
  await page.goto('/dashco')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dash Co')

  await expect(tile(page, 'Runs')).toContainText('7')
  // 4 of 6 finished runs succeeded; durations 2, 4, 6, 8, 10, 60 s.
  await expect(tile(page, 'Success rate')).toContainText('66.7%')
  await expect(tile(page, 'Median duration')).toContainText('7.0 s')
  await expect(tile(page, 'p95 duration')).toContainText('48 s')
  await expect(tile(page, 'In progress')).toContainText('1')

  const perDay = region(page, 'Runs per day')
  await perDay.getByText('Show as a table').click()
  const table = perDay.getByRole('table', { name: 'Runs per day' })
  await expect(table.getByRole('columnheader')).toHaveText([
    'Day (UTC)',
    'Succeeded',
    'Failed',
    'Timed out',
    'Running',
    'Total',
  ])
  await expect(table.getByRole('row')).toHaveCount(31)
  await expect(table.getByRole('row', { name: today }).getByRole('cell')).toHaveText([today, '3', '1', '0', '1', '5'])
  await expect(table.getByRole('row', { name: yesterday }).getByRole('cell')).toHaveText([
    yesterday,
    '1',
    '0',
    '1',
    '0',
    '2',
  ])
  await expect(perDay.getByRole('img', { name: 'Runs per day' })).toBeVisible()

  const targets = region(page, 'Most failing targets').getByRole('listitem')
  await expect(targets).toHaveText([/^web-1\s*2$/, /^web-2\s*1$/])
  const tasks = region(page, 'Most failing tasks').getByRole('listitem')
  await expect(tasks).toHaveText([/^nightly-backup\s*2$/])

  const statuses = region(page, 'Targets by connection status').getByRole('listitem')
  await expect(statuses).toHaveText([
    /^Online\s*2$/,
    /^Unreachable\s*1$/,
    /^Timed out\s*0$/,
    /^Auth failed\s*1$/,
    /^Host key mismatch\s*0$/,
    /^Proxy failed\s*0$/,
    /^Unknown\s*0$/,
  ])

  const fires = region(page, 'Next scheduled fires').getByRole('link')
  await expect(fires).toHaveText(['cleanup', 'report-weekly'])

  const live = region(page, 'Runs in progress')
  await expect(live.getByRole('link', { name: 'Seeded running' })).toHaveAttribute('href', `/dashco/runs/${liveRun}`)

  // Links are reachable from the keyboard: focus the worst target and follow it.
  await region(page, 'Most failing targets').getByRole('link', { name: 'web-1' }).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(`/dashco/targets/${ids['web-1']}`)
})

test('a run that ends leaves the in-progress list and counts, without a reload', async ({ page }) => {
  await switchUser(page, people.admin, password)
  await page.goto('/dashco')
  await expect(region(page, 'Runs in progress').getByRole('link', { name: 'Seeded running' })).toBeVisible()
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, 'fanout.db'), { fileMustExist: true, timeout: 15_000 })
  try {
    db.prepare(`UPDATE Run SET status = 'succeeded', finishedAt = ?, notifiedAt = ? WHERE id = ?`).run(
      stamp(midnight + 5000 + 12_000),
      stamp(now),
      liveRun,
    )
  } finally {
    db.close()
  }
  await expect(region(page, 'Runs in progress')).toContainText('Nothing is running.', { timeout: 15_000 })
  await expect(tile(page, 'Success rate')).toContainText('71.4%')
  await expect(tile(page, 'In progress')).toContainText('0')
})

test('the rival tenant sees its own figures only', async ({ page }) => {
  await switchUser(page, people.rival, password)
  await page.goto('/dashrival')
  await expect(tile(page, 'Runs')).toContainText('5')
  await expect(tile(page, 'Success rate')).toContainText('0%')
  await expect(region(page, 'Most failing targets').getByRole('listitem')).toHaveText([/^rival-box\s*5$/])
  await expect(region(page, 'Next scheduled fires').getByRole('link')).toHaveText(['rival-job'])
  expect((await page.goto('/dashco'))?.status()).toBe(404)
})

test('the system admin home counts each tenant’s targets, tasks, runs and failures today', async ({ page }) => {
  await page.context().clearCookies()
  await signIn(page, admin)
  await page.goto('/admin')
  const activity = page.getByRole('table', { name: 'Activity per tenant' })
  await expect(activity.getByRole('row', { name: /Dash Co/ }).getByRole('cell')).toHaveText([
    'Dash Co',
    '4',
    '5',
    '5',
    '1',
  ])
  await expect(activity.getByRole('row', { name: /Dash Rival/ }).getByRole('cell')).toHaveText([
    'Dash Rival',
    '1',
    '1',
    '5',
    '5',
  ])
  await expect(page.getByRole('group', { name: 'Queue depth' })).toBeVisible()
  // The e2e server runs everything in one process: one engine.
  await expect(page.getByRole('group', { name: 'Engines' })).toContainText('1')
  await expect(page.getByRole('group', { name: 'SSH connections' })).toBeVisible()
  await expect(page.getByRole('group', { name: 'Scheduler lag' })).toContainText(' s')
})
