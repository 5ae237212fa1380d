import { expect, test } from '@playwright/test'
import {
  as,
  editor,
  latestVersion,
  password,
  people,
  query,
  refusal,
  replaceContent,
  scriptId,
  SECRET,
  tenantId,
  typeLines,
} from './fixtures/script-library'
import { callAction } from './server-actions'
import { setUpTenants } from './support'

// The script library end to end: Monaco, versions, diff, parameters, dangerous-command rules,
// roles, and the tenant boundary over raw HTTP. Creates its own tenants and people.

test.describe.configure({ mode: 'serial' })

test('set up two tenants and the scriptlab team', async ({ page }) => {
  await setUpTenants(
    page,
    [
      ['Script Lab', 'scriptlab'],
      ['Script Rival', 'scriptrival'],
    ],
    [
      [people.admin, 'scriptlab', 'admin'],
      [people.operator, 'scriptlab', 'operator'],
      [people.viewer, 'scriptlab', 'viewer'],
      [people.rival, 'scriptrival', 'admin'],
    ],
    password,
  )
})

test('a tenant admin writes a bash script in Monaco, saves it, edits it into version 2 and opens the diff', async ({
  page,
  baseURL,
}) => {
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  await as(page, people.admin)
  await page.goto('/scriptlab/scripts')
  await page.getByRole('link', { name: 'New script' }).click()
  await expect(page).toHaveURL(/\/scriptlab\/scripts\/new$/)

  await page.locator('#script-name').fill('Rotate logs')
  await page.locator('#script-description').fill('Compresses yesterday’s logs')
  await expect(editor(page)).toBeVisible()
  await replaceContent(page, ['#!/usr/bin/env bash', 'echo "rotating"', 'gzip -9 /var/log/app/*.log'])

  // Monaco tokenised the shell: keyword, string and plain text are spans of different classes.
  const tokenClasses = await editor(page)
    .locator('.view-line span[class*="mtk"]')
    .evaluateAll((spans) => [...new Set(spans.map((s) => s.className))])
  expect(tokenClasses.length).toBeGreaterThanOrEqual(3)
  await expect(editor(page).locator('.view-line', { hasText: 'echo "rotating"' })).toBeVisible()

  // Leaving with unsaved changes asks first.
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (d) => {
      resolve(d.message())
      void d.dismiss()
    }),
  )
  await page.getByRole('link', { name: 'Scripts', exact: true }).first().click()
  expect(await asked).toContain('unsaved changes')
  await expect(page).toHaveURL(/\/scripts\/new$/)

  await page.getByRole('button', { name: 'Create script' }).click()
  await expect(page).toHaveURL(/\/scriptlab\/scripts\/c[a-z0-9]+$/)
  await expect(page.getByRole('heading', { name: 'Rotate logs' })).toBeVisible()
  await expect(page.getByText(/version 1 · created by admin/)).toBeVisible()
  const id = scriptId('Rotate logs')
  expect(query<{ content: string }>('SELECT content FROM ScriptVersion WHERE scriptId = ?', id)!.content).toBe(
    '#!/usr/bin/env bash\necho "rotating"\ngzip -9 /var/log/app/*.log',
  )

  // A rename alone is not a new version.
  await page.locator('#script-name').fill('Rotate app logs')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Saved. Content and parameters are unchanged, so this is still version 1.')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Rotate app logs' })).toBeVisible()

  await editor(page).locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+End')
  await typeLines(page, ['', 'echo "done"'])
  await page.locator('#script-message').fill('Say when done')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Saved as version 2')).toBeVisible()
  await expect(page.getByText(/version 2 · created by admin/)).toBeVisible()
  expect(latestVersion(id)).toBe(2)

  await page.getByRole('link', { name: /^History/ }).click()
  await expect(page).toHaveURL(/tab=history/)
  const rows = page.getByRole('table').getByRole('row')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(1)).toContainText('v2')
  await expect(rows.nth(1)).toContainText('Say when done')
  await expect(rows.nth(2)).toContainText('v1')
  const sha = query<{ sha256: string }>(
    'SELECT sha256 FROM ScriptVersion WHERE scriptId = ? AND version = 2',
    id,
  )!.sha256
  await expect(rows.nth(1)).toContainText(sha.slice(0, 12))

  await page.getByRole('button', { name: 'Compare selected' }).click()
  await expect(page).toHaveURL(/[?&]from=1(&|$)/)
  await expect(page).toHaveURL(/[?&]to=2(&|$)/)
  const diff = page.locator('[data-slot="diff-editor"]')
  await expect(diff).toContainText('Version 1')
  await expect(diff).toContainText('Version 2 (latest)')
  await expect(diff.locator('.monaco-diff-editor')).toBeVisible()
  await expect(diff.locator('.line-insert, .char-insert').first()).toBeVisible()
  await expect(diff.locator('.modified-in-monaco-diff-editor .view-line', { hasText: 'echo "done"' })).toBeVisible()

  // The comparison is a URL: a reload shows the same diff.
  await page.reload()
  await expect(page.locator('[data-slot="diff-editor"] .monaco-diff-editor')).toBeVisible()

  const origin = new URL(baseURL!).origin
  const foreign = requests.filter((u) => /^(https?|wss?):/.test(u) && new URL(u).origin !== origin)
  expect(foreign).toEqual([])
})

test('parameters are validated per row, and a secret default never comes back to the browser', async ({ page }) => {
  await as(page, people.admin)
  const id = scriptId('Rotate app logs')
  await page.goto(`/scriptlab/scripts/${id}`)

  await page.getByRole('button', { name: 'Add parameter' }).click()
  await page.getByRole('button', { name: 'Add parameter' }).click()
  const first = page.getByRole('listitem', { name: /^Parameter 1/ })
  const second = page.getByRole('listitem', { name: /^Parameter 2/ })
  await first.getByLabel('Name').fill('1days')
  await first.getByLabel('Type').selectOption({ label: 'Number' })
  await first.getByLabel('Default').fill('seven')
  await second.getByLabel('Name').fill('TOKEN')
  await second.getByLabel('Type').selectOption({ label: 'Secret' })
  await second.getByLabel('Default').fill(SECRET)
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(first.getByText('Use letters, digits and _, not starting with a digit.')).toBeVisible()
  await expect(first.getByText('The default must be a number, e.g. 10 or 2.5.')).toBeVisible()
  expect(latestVersion(id)).toBe(2)

  await first.getByLabel('Name').fill('DAYS')
  await first.getByLabel('Default').fill('7')
  await first.getByLabel('Required').check()
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Saved as version 3')).toBeVisible()

  // The stored default is an envelope; the page only knows that it is set.
  const stored = query<{ parameters: string }>(
    'SELECT parameters FROM ScriptVersion WHERE scriptId = ? AND version = 3',
    id,
  )!
  expect(stored.parameters).not.toContain(SECRET)
  expect(JSON.parse(stored.parameters)[1].default).toMatch(/^v1:/)
  const token = page.getByRole('listitem', { name: 'Parameter 2: TOKEN' })
  await expect(token.getByText('Set (encrypted)')).toBeVisible()
  await expect(token.getByRole('button', { name: 'Replace' })).toBeVisible()
  expect(await page.content()).not.toContain(SECRET)

  await page.reload()
  expect(await page.content()).not.toContain(SECRET)
  for (const path of [
    `/scriptlab/scripts/${id}`,
    `/scriptlab/scripts/${id}?tab=history&version=3`,
    `/scriptlab/scripts/${id}?tab=history&from=2&to=3`,
  ]) {
    const html = await (await page.request.get(path)).text()
    expect(html).toContain('TOKEN')
    expect(html).not.toContain(SECRET)
    expect(html).not.toContain(JSON.parse(stored.parameters)[1].default)
  }

  // Saving again keeps the stored secret: no new version, same envelope.
  await page.locator('#script-description').fill('Compresses and prunes logs')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('still version 3')).toBeVisible()
  expect(latestVersion(id)).toBe(3)
})

test('a block rule refuses a save and names the line; a warn rule asks first', async ({ page }) => {
  await as(page, people.admin)
  const id = scriptId('Rotate app logs')
  await page.goto(`/scriptlab/scripts/${id}`)
  await replaceContent(page, ['#!/bin/bash', 'rm -rf ./build', 'rm -rf /tmp/x', 'rm -rf /'])
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(
    page.getByText('Not saved: line 4 matches the blocking rule “rm on the root directory (rm -rf /)”.'),
  ).toBeVisible()
  expect(latestVersion(id)).toBe(3)
  // What was typed stays.
  await expect(page.locator('input[name="content"]')).toHaveValue(
    '#!/bin/bash\nrm -rf ./build\nrm -rf /tmp/x\nrm -rf /',
  )

  await replaceContent(page, ['#!/bin/bash', 'rm -rf ./build', 'reboot'])
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  const dialog = page.getByRole('alertdialog', { name: 'This script contains dangerous commands' })
  await expect(dialog).toContainText('Line 3: Shuts down or restarts the host')
  await dialog.getByRole('button', { name: 'Back to editing' }).click()
  await expect(dialog).toBeHidden()
  expect(latestVersion(id)).toBe(3)

  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Save anyway' }).click()
  await expect(page.getByText('Saved as version 4')).toBeVisible()
  expect(latestVersion(id)).toBe(4)
})

test('an old version is viewed read-only and restored as a new version', async ({ page }) => {
  await as(page, people.admin)
  const id = scriptId('Rotate app logs')
  await page.goto(`/scriptlab/scripts/${id}?tab=history`)
  await page.getByRole('row', { name: /v2/ }).getByRole('link', { name: 'View' }).click()
  await expect(page).toHaveURL(/tab=history&version=2/)
  const view = page.getByRole('region', { name: 'Version 2' })
  await expect(view.locator('.monaco-editor .view-line', { hasText: 'echo "done"' })).toBeVisible()
  await expect(view.getByText('Say when done')).toBeVisible()

  await page.getByRole('button', { name: 'Restore this version' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Restore', exact: true }).click()
  await expect(page.getByText('Version 2 restored as version 5')).toBeVisible()
  await expect(page).toHaveURL(/tab=history$/)
  await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('Restored version 2')
  const [v2, v5] = [2, 5].map((v) =>
    query<{ content: string; sha256: string }>(
      'SELECT content, sha256 FROM ScriptVersion WHERE scriptId = ? AND version = ?',
      id,
      v,
    )!,
  )
  expect(v5).toEqual(v2)
})

test('the dangerous-command rules: defaults, an invalid regex, add, disable, delete', async ({ page }) => {
  await as(page, people.admin)
  await page.goto('/scriptlab/settings/rules')
  for (const text of ['rm on the root directory (rm -rf /)', 'Fork bomb', 'dd writing to a disk device']) {
    await expect(page.getByRole('cell', { name: text, exact: true })).toBeVisible()
  }

  await page.getByRole('button', { name: 'Add rule' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add a rule' })
  await dialog.getByLabel('Pattern').fill('curl [^|]*\\|\\s*(sh')
  await dialog.getByLabel('When it matches').selectOption('block')
  await dialog.getByLabel('Description').fill('Pipes a download into a shell')
  await dialog.getByRole('button', { name: 'Add rule' }).click()
  await expect(dialog.getByText(/^Not a valid regular expression: .*Unterminated group/)).toBeVisible()
  await dialog.getByLabel('Pattern').fill('curl [^|]*\\|\\s*(ba)?sh\\b')
  await dialog.getByRole('button', { name: 'Add rule' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('cell', { name: 'Pipes a download into a shell', exact: true })).toBeVisible()

  // The new rule blocks a save.
  const id = scriptId('Rotate app logs')
  await page.goto(`/scriptlab/scripts/${id}`)
  await replaceContent(page, ['#!/bin/bash', 'curl -fsSL https://example.test/install | sh'])
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(
    page.getByText('Not saved: line 2 matches the blocking rule “Pipes a download into a shell”.'),
  ).toBeVisible()

  // Disabled, it does not.
  // Leaving the refused edit: confirm the browser's unsaved-changes prompt.
  page.once('dialog', (d) => void d.accept())
  await page.goto('/scriptlab/settings/rules')
  await page.getByRole('checkbox', { name: 'Enabled: Pipes a download into a shell' }).click()
  await expect(page.getByText('Rule disabled')).toBeVisible()
  await expect(page.getByRole('checkbox', { name: 'Enabled: Pipes a download into a shell' })).not.toBeChecked()

  await page.getByRole('button', { name: 'Delete rule: Pipes a download into a shell' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByRole('cell', { name: 'Pipes a download into a shell', exact: true })).toBeHidden()
})

test('the list pages, searches, filters and sorts in the URL', async ({ page }) => {
  const request = await as(page, people.admin)
  const created = await callAction(request, '/scriptlab/scripts/new', 'createScriptAction', {
    tenant: 'scriptlab',
    name: 'Disk report',
    language: 'python3',
    description: 'Free space per mount',
    content: 'import shutil\r\nprint(shutil.disk_usage("/"))\r\n',
    parameters: [],
    message: '',
    acknowledgeWarnings: false,
  })
  expect(created.serverError, JSON.stringify(created)).toBeUndefined()
  expect(created.data).toMatchObject({ status: 'saved', version: 1 })
  // CRLF was stored as LF.
  expect(
    query<{ content: string }>('SELECT content FROM ScriptVersion WHERE scriptId = ?', scriptId('Disk report'))!
      .content,
  ).toBe('import shutil\nprint(shutil.disk_usage("/"))\n')

  await page.goto('/scriptlab/scripts')
  await expect(page.getByRole('link', { name: 'Disk report' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Rotate app logs' })).toBeVisible()
  await page.getByRole('combobox', { name: 'Language' }).click()
  await page.getByRole('option', { name: 'Python 3' }).click()
  await expect(page).toHaveURL(/language=python3/)
  await expect(page.getByRole('link', { name: 'Rotate app logs' })).toBeHidden()
  await expect(page.getByRole('link', { name: 'Disk report' })).toBeVisible()

  await page.goto('/scriptlab/scripts?q=rotate')
  await expect(page.getByRole('searchbox', { name: /Search/ })).toHaveValue('rotate')
  await expect(page.getByRole('link', { name: 'Rotate app logs' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Disk report' })).toBeHidden()

  await page.goto('/scriptlab/scripts')
  await page.getByRole('button', { name: 'Updated' }).click()
  await expect(page).toHaveURL(/sort=updatedAt/)
  await expect(page).toHaveURL(/dir=desc/)
  await expect(page.getByRole('row').nth(1)).toContainText('Disk report')

  // The same name twice is a field error.
  const again = await callAction(request, '/scriptlab/scripts/new', 'createScriptAction', {
    tenant: 'scriptlab',
    name: 'Disk report',
    language: 'sh',
    content: 'df -h\n',
  })
  expect(again.validationErrors).toEqual({
    formErrors: [],
    fieldErrors: { name: ['A script with this name already exists.'] },
  })
})

test('a viewer reads scripts, versions and rules but sees no button that changes them', async ({ page }) => {
  await as(page, people.viewer)
  const id = scriptId('Rotate app logs')
  await page.goto('/scriptlab/scripts')
  await expect(page.getByRole('link', { name: 'Rotate app logs' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'New script' })).toHaveCount(0)
  expect((await page.goto('/scriptlab/scripts/new'))?.status()).toBe(404)

  await page.goto(`/scriptlab/scripts/${id}`)
  await expect(page.locator('.monaco-editor').first()).toBeVisible()
  // Version 5 restored version 2, from before the parameters.
  await expect(page.getByRole('region', { name: 'Parameters' })).toContainText('No parameters.')
  for (const name of ['Save', 'Delete', 'Add parameter', 'Create script']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0)
  }
  await page.goto(`/scriptlab/scripts/${id}?tab=history&version=3`)
  await expect(page.getByRole('region', { name: 'Version 3' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Parameters' })).toContainText('TOKENSecretDefault: set (encrypted)')
  await expect(page.getByRole('button', { name: 'Restore this version' })).toHaveCount(0)

  await page.goto('/scriptlab/settings/rules')
  await expect(page.getByRole('cell', { name: 'Fork bomb', exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Add rule' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^(Edit|Delete) rule/ })).toHaveCount(0)
  await expect(page.getByRole('checkbox', { name: /^Enabled:/ })).toHaveCount(0)
})

test('viewers and operators are refused every script and rule change over HTTP', async ({ page }) => {
  const id = scriptId('Rotate app logs')
  const ruleId = query<{ id: string }>(
    "SELECT id FROM DangerRule WHERE tenantId = ? AND description = 'Fork bomb'",
    tenantId('scriptlab'),
  )!.id
  const before = latestVersion(id)
  for (const email of [people.viewer, people.operator]) {
    const request = await as(page, email)
    const page_ = `/scriptlab/scripts/${id}`
    const script = { tenant: 'scriptlab', name: 'Hijack', language: 'bash', content: 'echo pwned\n', parameters: [] }
    const calls = [
      callAction(request, '/scriptlab/scripts/new', 'createScriptAction', script),
      callAction(request, page_, 'updateScriptAction', { ...script, scriptId: id, baseVersion: before }),
      callAction(request, page_, 'restoreScriptVersionAction', {
        tenant: 'scriptlab',
        scriptId: id,
        version: 1,
        baseVersion: before,
      }),
      callAction(request, page_, 'deleteScriptAction', { tenant: 'scriptlab', scriptId: id }),
      callAction(request, '/scriptlab/settings/rules', 'createDangerRuleAction', {
        tenant: 'scriptlab',
        pattern: 'x',
        action: 'warn',
        description: 'x',
      }),
      callAction(request, '/scriptlab/settings/rules', 'updateDangerRuleAction', {
        tenant: 'scriptlab',
        ruleId,
        pattern: 'x',
        action: 'warn',
        description: 'x',
        enabled: false,
      }),
      callAction(request, '/scriptlab/settings/rules', 'setDangerRuleEnabledAction', {
        tenant: 'scriptlab',
        ruleId,
        enabled: false,
      }),
      callAction(request, '/scriptlab/settings/rules', 'deleteDangerRuleAction', { tenant: 'scriptlab', ruleId }),
    ]
    for (const r of await Promise.all(calls)) expect(r.serverError, `${email}: ${r.body.slice(0, 200)}`).toBe(refusal)
  }
  expect(latestVersion(id)).toBe(before)
  expect(query('SELECT count(*) AS n FROM Script WHERE name = ?', 'Hijack')).toEqual({ n: 0 })
  expect(query('SELECT enabled FROM DangerRule WHERE id = ?', ruleId)).toEqual({ enabled: 1 })
})

test("another tenant's admin gets not found for every script and rule of scriptlab", async ({ page }) => {
  const id = scriptId('Rotate app logs')
  const ruleId = query<{ id: string }>(
    "SELECT id FROM DangerRule WHERE tenantId = ? AND description = 'Fork bomb'",
    tenantId('scriptlab'),
  )!.id
  const before = latestVersion(id)
  const request = await as(page, people.rival)
  // The rival's own script page is where its calls come from, as the UI's would.
  const own = await callAction(request, '/scriptrival/scripts/new', 'createScriptAction', {
    tenant: 'scriptrival',
    name: 'Rival script',
    language: 'sh',
    content: 'echo rival\n',
  })
  expect(own.serverError, JSON.stringify(own)).toBeUndefined()
  const from = `/scriptrival/scripts/${(own.data as { scriptId: string }).scriptId}`
  for (const tenant of ['scriptrival', 'scriptlab']) {
    const calls = [
      callAction(request, from, 'updateScriptAction', {
        tenant,
        scriptId: id,
        baseVersion: before,
        name: 'Pwned',
        language: 'bash',
        content: 'echo pwned\n',
      }),
      callAction(request, from, 'restoreScriptVersionAction', {
        tenant,
        scriptId: id,
        version: 1,
        baseVersion: before,
      }),
      callAction(request, from, 'deleteScriptAction', { tenant, scriptId: id }),
      callAction(request, '/scriptrival/settings/rules', 'updateDangerRuleAction', {
        tenant,
        ruleId,
        pattern: 'x',
        action: 'warn',
        description: 'x',
        enabled: false,
      }),
      callAction(request, '/scriptrival/settings/rules', 'setDangerRuleEnabledAction', {
        tenant,
        ruleId,
        enabled: false,
      }),
      callAction(request, '/scriptrival/settings/rules', 'deleteDangerRuleAction', { tenant, ruleId }),
    ]
    for (const r of await Promise.all(calls))
      expect(r.serverError, `${tenant}: ${r.body.slice(0, 200)}`).toBe('Not found.')
  }
  const intoScriptlab = await callAction(request, '/scriptrival/scripts/new', 'createScriptAction', {
    tenant: 'scriptlab',
    name: 'Planted',
    language: 'bash',
    content: 'echo planted\n',
  })
  expect(intoScriptlab.serverError).toBe('Not found.')

  expect((await page.goto(`/scriptrival/scripts/${id}`))?.status()).toBe(404)
  expect((await page.goto(`/scriptlab/scripts/${id}`))?.status()).toBe(404)
  expect((await page.goto('/scriptlab/settings/rules'))?.status()).toBe(404)
  const body = await (await page.request.get('/scriptrival/scripts')).text()
  expect(body).not.toContain('Rotate app logs')

  expect(latestVersion(id)).toBe(before)
  expect(query('SELECT name FROM Script WHERE id = ?', id)).toEqual({ name: 'Rotate app logs' })
  expect(query('SELECT count(*) AS n FROM Script WHERE name = ?', 'Planted')).toEqual({ n: 0 })
  expect(query('SELECT enabled FROM DangerRule WHERE id = ?', ruleId)).toEqual({ enabled: 1 })
})

test('a tenant admin deletes a script after confirming', async ({ page }) => {
  await as(page, people.admin)
  const id = scriptId('Disk report')
  await page.goto(`/scriptlab/scripts/${id}`)
  await page.getByRole('button', { name: 'Delete', exact: true }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Delete “Disk report”?' })
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  expect(query('SELECT count(*) AS n FROM Script WHERE id = ?', id)).toEqual({ n: 1 })
  await page.getByRole('button', { name: 'Delete', exact: true }).click()
  await dialog.getByRole('button', { name: 'Delete script' }).click()
  await expect(page).toHaveURL(/\/scriptlab\/scripts$/)
  await expect(page.getByText('“Disk report” deleted')).toBeVisible()
  expect(query('SELECT count(*) AS n FROM Script WHERE id = ?', id)).toEqual({ n: 0 })
  expect(query('SELECT count(*) AS n FROM ScriptVersion WHERE scriptId = ?', id)).toEqual({ n: 0 })
  expect((await page.goto(`/scriptlab/scripts/${id}`))?.status()).toBe(404)
})
