import { existsSync, rmSync } from 'node:fs'
import { expect, type Page, test } from '@playwright/test'
import { freePort, type SshHost, startSshd } from '../tests/support/sshd'
import { callAction, e2eDatabase } from './server-actions'
import { addBashScript, addTargets, scriptIdOf, setUpTenants, switchUser, trustPlatformKey } from './support'

// The dry run (PRODUCT.md §3a): "Check" in the Run now and Run this script dialogs resolves
// the targets, connects to each and applies the rules, and shows it; nothing runs, nothing
// is stored, no run appears.

test.describe.configure({ mode: 'serial' })

const password = 'checker-password-1'
const adminEmail = 'admin@checkco.test'
const MARKER = `/tmp/fanout-e2e-preflight-${Date.now()}`
let host: SshHost
let taskId = ''

test.beforeAll(async () => {
  host = await startSshd()
})
test.afterAll(async () => {
  await host?.stop()
  rmSync(MARKER, { force: true })
})

function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = e2eDatabase()
  try {
    return db.prepare(sql).all(...args) as T[]
  } finally {
    db.close()
  }
}

const as = (page: Page) => switchUser(page, adminEmail, password)

test('set up a tenant with two reachable targets, one on a closed port, and a task that would touch a file', async ({
  page,
}) => {
  await setUpTenants(page, [['Check Co', 'checkco']], [[adminEmail, 'checkco', 'admin']], password)
  const request = await as(page)
  await trustPlatformKey(page, 'checkco', host)
  await addTargets(request, 'checkco', host, [
    ['fleet-1', 'fleet'],
    ['fleet-2', 'fleet'],
    ['fleet-down', 'fleet', { port: await freePort() }],
  ])
  await addBashScript(request, 'checkco', {
    name: 'Touch marker',
    content: `touch ${MARKER}\n`,
    parameters: [{ name: 'NOTE', type: 'string', description: '', required: true, default: '', options: [] }],
  })
  const rule = await callAction(request, '/checkco/settings/rules', 'createDangerRuleAction', {
    tenant: 'checkco',
    pattern: '^touch ',
    action: 'warn',
    description: 'Touches files',
  })
  expect(rule.serverError, JSON.stringify(rule)).toBeUndefined()
  const created = await callAction(request, '/checkco/tasks/new', 'createTaskAction', {
    tenant: 'checkco',
    name: 'Marker task',
    type: 'manual',
    steps: [{ kind: 'script', scriptId: scriptIdOf('checkco', 'Touch marker'), parameters: { NOTE: 'x' } }],
    labels: ['fleet'],
  })
  expect(created.serverError, JSON.stringify(created)).toBeUndefined()
  taskId = (created.data as { id: string }).id
})

test('Check in Run now shows every target’s connection and the rules; nothing runs and no run appears', async ({
  page,
}) => {
  await as(page)
  await page.goto(`/checkco/tasks/${taskId}`)
  await page.getByRole('button', { name: 'Run now' }).click()
  await page.getByRole('dialog', { name: 'Run now' }).getByRole('button', { name: 'Check' }).click()

  const check = page.getByRole('dialog', { name: 'Check: Marker task' })
  await expect(check.getByTestId('preflight-summary')).toHaveText(
    '2 of 3 targets reachable; 1 is unreachable; 2 have host keys not trusted yet',
  )
  const targets = check.getByRole('table', { name: 'Targets' })
  await expect(targets.getByRole('row', { name: /fleet-down/ })).toContainText('Unreachable')
  await expect(targets.getByRole('row', { name: /fleet-down/ })).toContainText('connection refused')
  for (const name of ['fleet-1', 'fleet-2']) {
    const row = targets.getByRole('row', { name: new RegExp(`${name}\\b`) })
    await expect(row).toContainText('New host key')
    await expect(row).toContainText(host.hostKeyFingerprint)
  }
  const step = check.getByTestId('preflight-step')
  await expect(step).toContainText(/Step 1: Touch marker v1\s*Warnings/)
  await expect(step).toContainText(`Line 1 matches “Touches files”: touch ${MARKER}`)

  // Nothing ran on the host, no host key was trusted, no run was queued; the check is audited.
  expect(existsSync(MARKER)).toBe(false)
  const keys = query<{ hostKeyFingerprint: string | null }>(
    "SELECT hostKeyFingerprint FROM Target WHERE name LIKE 'fleet-%'",
  )
  expect(keys).toEqual([{ hostKeyFingerprint: null }, { hostKeyFingerprint: null }, { hostKeyFingerprint: null }])
  expect(query('SELECT id FROM Run WHERE taskId = ?', taskId)).toEqual([])
  expect(query("SELECT id FROM AuditEvent WHERE action = 'run.check' AND targetId = ?", taskId)).toHaveLength(1)

  await page.keyboard.press('Escape')
  await expect(check).toBeHidden()
  await expect(page.getByRole('dialog', { name: 'Run now' })).toBeVisible()
  await page.goto(`/checkco/tasks/${taskId}?tab=runs`)
  await expect(page.getByText('No runs to show.')).toBeVisible()
})

test('Check in Run this script checks the current selection and reports a missing parameter', async ({ page }) => {
  await as(page)
  await page.goto('/checkco/scripts')
  await page
    .getByRole('row', { name: /Touch marker/ })
    .getByRole('button', { name: 'Run' })
    .click()
  const dialog = page.getByRole('dialog', { name: 'Run Touch marker' })
  await dialog.getByLabel('Target fleet-1').check()
  await dialog.getByRole('button', { name: 'Check' }).click()

  const check = page.getByRole('dialog', { name: 'Check: Touch marker' })
  await expect(check.getByTestId('preflight-summary')).toHaveText(
    '1 of 1 target reachable; 1 has a host key not trusted yet',
  )
  await expect(check.getByText('Parameter NOTE: Required.')).toBeVisible()
  await expect(check.getByRole('table', { name: 'Targets' }).getByRole('row')).toHaveCount(2)
  expect(existsSync(MARKER)).toBe(false)
  expect(query("SELECT r.id FROM Run r JOIN Tenant t ON t.id = r.tenantId WHERE t.slug = 'checkco'")).toEqual([])
})
