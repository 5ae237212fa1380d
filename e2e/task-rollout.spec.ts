import { expect, type Page, test } from '@playwright/test'
import { callAction } from './server-actions'
import { addBashScript, addTargets, setUpTenants, switchUser } from './support'

// Safer runs, built in the browser (PRODUCT.md §3a): a task whose later script step runs only
// on the hosts that succeeded before, as an execution account, behind a confirmation step,
// rolled out with a canary. Saved, shown on the task page, and read back by the edit form.

test.describe.configure({ mode: 'serial' })

const password = 'rollout-password-1'
const people = { admin: 'admin@rolloutco.test', operator: 'operator@rolloutco.test' }
// Nothing listens there: the task is built and read back, never run.
const nowhere = { host: '127.0.0.1', port: 1, username: 'ops' }
let taskUrl = ''

const as = (page: Page, email: string) => switchUser(page, email, password)
const stepItem = (page: Page, name: string) => page.getByRole('listitem', { name, exact: true })
const rollout = (page: Page) => page.getByRole('group', { name: 'Rollout', exact: true })

test('set up a tenant with four labelled targets, a script and an execution account', async ({ page }) => {
  await setUpTenants(
    page,
    [['Rollout Co', 'rolloutco']],
    [
      [people.admin, 'rolloutco', 'admin'],
      [people.operator, 'rolloutco', 'operator'],
    ],
    password,
  )
  const request = await as(page, people.admin)
  await addTargets(request, 'rolloutco', nowhere, [
    ['app-1', 'app'],
    ['app-2', 'app'],
    ['app-3', 'app'],
    ['app-4', 'app'],
  ])
  await addBashScript(request, 'rolloutco', { name: 'Deploy app', content: 'echo deployed\n', parameters: [] })
  const account = await callAction(request, '/rolloutco/settings/accounts', 'createAccountAction', {
    tenant: 'rolloutco',
    name: 'deploy',
    description: 'Owns /srv/app',
  })
  expect(account.serverError, JSON.stringify(account)).toBeUndefined()
})

test('an admin builds a task with hosts, run-as, a confirmation step and a canary rollout', async ({ page }) => {
  await as(page, people.admin)
  await page.goto('/rolloutco/tasks/new')
  await page.getByLabel('Name', { exact: true }).fill('Careful deploy')

  await page.getByRole('button', { name: 'Add script step' }).click()
  await stepItem(page, 'Step 1: script').getByLabel('Script', { exact: true }).selectOption({ label: 'Deploy app' })
  // The first step has no step before it to pick hosts by.
  await expect(stepItem(page, 'Step 1: script').getByLabel('Hosts')).toHaveCount(0)

  await page.getByRole('button', { name: 'Add confirmation' }).click()
  const confirm = stepItem(page, 'Step 2: confirmation')
  await expect(confirm.getByLabel('Hosts')).toHaveCount(0)
  await expect(confirm.getByText('Continue on failure')).toHaveCount(0)
  await confirm.getByLabel('Step name').fill('Check the canary')
  await confirm.getByLabel('Message').fill('Look at the error rate of app-1 first.')
  // Asks nobody: refused beside the step.
  await confirm.getByLabel('Tenant admin', { exact: true }).uncheck()

  await page.getByRole('button', { name: 'Add script step' }).click()
  const last = stepItem(page, 'Step 3: script')
  await last.getByLabel('Script', { exact: true }).selectOption({ label: 'Deploy app' })
  // "The previous step" skips the confirmation: it is step 1.
  await last.getByLabel('Hosts').selectOption({ label: 'Only hosts that succeeded in the previous step (step 1)' })
  await last.getByLabel('Run as').selectOption('deploy')

  await page.getByLabel('Label app').check()
  const batches = rollout(page)
  await batches.getByLabel('Batches', { exact: true }).selectOption({ label: 'Whole run in batches' })
  await batches.getByLabel('Canary', { exact: true }).fill('1')
  await batches.getByLabel('Batch size', { exact: true }).fill('50')
  await batches.getByLabel('Batch unit').selectOption({ label: '% of the targets' })
  await expect(batches.getByTestId('rollout-preview')).toHaveText('3 batches for the 4 targets now: 1, 2, 1')
  await batches.getByLabel('Between batches').selectOption({ label: 'Ask for confirmation' })
  await expect(batches.getByLabel('Tenant admin', { exact: true })).toBeChecked()

  await page.getByRole('button', { name: 'Create task' }).click()
  await expect(confirm.getByText('Choose who is asked: a role, a person or a channel.')).toBeVisible()
  await expect(last.getByLabel('Run as')).toHaveValue('deploy')

  await confirm.getByLabel('Operator', { exact: true }).check()
  await confirm.getByLabel(/operator@rolloutco\.test/).check()
  await confirm.getByLabel('Timeout (minutes)').fill('30')
  await page.getByRole('button', { name: 'Create task' }).click()
  await expect(page).toHaveURL(/\/rolloutco\/tasks\/(?!new$)[a-z0-9]+$/)
  taskUrl = new URL(page.url()).pathname

  const steps = page.getByRole('list', { name: 'Steps' })
  await expect(steps.getByRole('listitem', { name: 'Step 2' })).toContainText(
    'Step 2: Check the canary — asks Operators and operator; times out after 30 min',
  )
  await expect(steps.getByRole('listitem', { name: 'Step 2' })).toContainText('Look at the error rate of app-1 first.')
  const third = steps.getByRole('listitem', { name: 'Step 3' })
  await expect(third).toContainText('as deploy')
  await expect(third).toContainText('Only hosts that succeeded in the previous step (step 1); the others are skipped.')
  const shown = page.getByTestId('task-rollout')
  await expect(shown).toContainText('Whole run in batches')
  await expect(shown).toContainText('Canary 1 host, then batches of 50 %, confirmation between batches.')
  await expect(shown).toContainText('Each confirmation asks Tenant admins; waits until someone answers.')
  await expect(shown).toContainText('Any failure in a batch stops the rollout')
})

test('the edit form shows the saved values, and turning batches off shows all targets at once', async ({ page }) => {
  await as(page, people.admin)
  await page.goto(`${taskUrl}/edit`)
  const last = stepItem(page, 'Step 3: script')
  await expect(last.getByLabel('Hosts')).toHaveValue('prev_succeeded')
  await expect(last.getByLabel('Run as')).toHaveValue('deploy')
  const confirm = stepItem(page, 'Step 2: confirmation')
  await expect(confirm.getByLabel('Step name')).toHaveValue('Check the canary')
  await expect(confirm.getByLabel('Message')).toHaveValue('Look at the error rate of app-1 first.')
  await expect(confirm.getByLabel('Tenant admin', { exact: true })).not.toBeChecked()
  await expect(confirm.getByLabel('Operator', { exact: true })).toBeChecked()
  await expect(confirm.getByLabel(/operator@rolloutco\.test/)).toBeChecked()
  await expect(confirm.getByLabel('Timeout (minutes)')).toHaveValue('30')

  const batches = rollout(page)
  await expect(batches.getByLabel('Batches', { exact: true })).toHaveValue('run')
  await expect(batches.getByLabel('Canary', { exact: true })).toHaveValue('1')
  await expect(batches.getByLabel('Canary unit')).toHaveValue('hosts')
  await expect(batches.getByLabel('Batch size', { exact: true })).toHaveValue('50')
  await expect(batches.getByLabel('Batch unit')).toHaveValue('percent')
  await expect(batches.getByLabel('Between batches')).toHaveValue('confirm')
  await expect(batches.getByLabel('Tenant admin', { exact: true })).toBeChecked()

  await batches.getByLabel('Batches', { exact: true }).selectOption({ label: 'All targets at once' })
  await page.getByRole('button', { name: 'Save task' }).click()
  await expect(page).toHaveURL(new RegExp(`${taskUrl}$`))
  await expect(page.getByTestId('task-rollout')).toHaveText('All targets at once')
  await expect(page.getByRole('list', { name: 'Steps' }).getByRole('listitem', { name: 'Step 2' })).toContainText(
    'Check the canary',
  )
})
