import { expect, test } from '@playwright/test'
import { callAction, e2eDatabase } from './server-actions'
import { setUpTenants, signIn } from './support'

// A tenant admin imports a small Ansible inventory: preview, an error named by its line,
// the fix, the import, and the targets in the list filtered by a label. A viewer is refused.

test.describe.configure({ mode: 'serial' })

const slug = 'importco'
const password = 'import-password-1'
const people = { admin: 'ia@importco.test', viewer: 'iv@importco.test' }

const inventory = (dbPort: number) => `# staging hosts
[web]
web[01:02].importco.test

[db]
db1.importco.test ansible_host=10.20.0.5 ansible_port=${dbPort}

[staging:children]
web
db

[staging:vars]
ansible_user=deploy
`

function targetNames(): string[] {
  const db = e2eDatabase()
  try {
    const rows = db
      .prepare('SELECT t.name FROM Target t JOIN Tenant n ON n.id = t.tenantId WHERE n.slug = ? ORDER BY t.name')
      .all(slug) as { name: string }[]
    return rows.map((r) => r.name)
  } finally {
    db.close()
  }
}

test('set up a tenant with an admin and a viewer', async ({ page }) => {
  await setUpTenants(
    page,
    [['ImportCo', slug]],
    [
      [people.admin, slug, 'admin'],
      [people.viewer, slug, 'viewer'],
    ],
    password,
  )
})

test('a tenant admin previews an inventory, fixes the error it names and imports it', async ({ page }) => {
  await signIn(page, { email: people.admin, password })
  await page.goto(`/${slug}/targets`)
  await page.getByRole('link', { name: 'Import', exact: true }).click()
  await expect(page).toHaveURL(`/${slug}/targets/import`)
  await expect(page.getByText('resource_pool', { exact: true })).toBeVisible()

  await page.getByLabel('Inventory').fill(inventory(70000))
  await page.getByRole('button', { name: 'Preview' }).click()
  const preview = page.getByRole('region', { name: 'Preview' })
  await expect(preview.getByRole('status')).toHaveText(
    'Read as Ansible INI: 2 to create · 0 to update · 0 to skip · 1 error',
  )
  await expect(preview.getByRole('list', { name: 'Errors' })).toHaveText(
    'Line 6: ansible_port: Port "70000": Ports run from 1 to 65535.',
  )
  const web01 = preview.getByRole('row', { name: /web01\.importco\.test/ })
  await expect(web01).toContainText('deploy@web01.importco.test:22')
  await expect(web01).toContainText('staging')
  await expect(web01).toContainText('web')
  await expect(web01).toContainText('Create')
  await expect(preview.getByRole('button', { name: 'Import 2 targets' })).toBeDisabled()

  // Editing the text makes the preview stale until it is previewed again.
  await page.getByLabel('Inventory').fill(inventory(5432))
  await expect(page.getByText('The form changed since this preview: preview again to import.')).toBeVisible()
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(preview.getByRole('status')).toHaveText(
    'Read as Ansible INI: 3 to create · 0 to update · 0 to skip · 0 errors',
  )
  const db1 = preview.getByRole('row', { name: /db1\.importco\.test/ })
  await expect(db1).toContainText('deploy@10.20.0.5:5432')
  await expect(db1).toContainText('db')
  await preview.getByRole('button', { name: 'Import 3 targets' }).click()

  await expect(page).toHaveURL(new RegExp(`/${slug}/targets$`))
  await expect(page.getByText('Imported 3 targets: 3 created, 0 updated')).toBeVisible()
  expect(targetNames()).toEqual(['db1.importco.test', 'web01.importco.test', 'web02.importco.test'])

  await page.getByRole('combobox', { name: 'Label' }).click()
  await page.getByRole('option', { name: 'db', exact: true }).click()
  await expect(page).toHaveURL(/label=db/)
  const table = page.getByRole('table', { name: 'Targets' })
  await expect(table.getByRole('link', { name: 'db1.importco.test' })).toBeVisible()
  await expect(table.getByRole('link', { name: /^web0/ })).toHaveCount(0)
})

test('importing the same inventory again skips or updates the existing targets, as chosen', async ({ page }) => {
  await signIn(page, { email: people.admin, password })
  await page.goto(`/${slug}/targets/import`)
  await page.getByLabel('Format', { exact: true }).selectOption({ label: 'Ansible INI' })
  await page.getByLabel('Inventory').fill(inventory(2222))
  await page.getByRole('button', { name: 'Preview' }).click()
  const preview = page.getByRole('region', { name: 'Preview' })
  await expect(preview.getByRole('status')).toHaveText(
    'Read as Ansible INI: 0 to create · 0 to update · 3 to skip · 0 errors',
  )
  await expect(preview.getByRole('button', { name: 'Import 0 targets' })).toBeDisabled()
  await page.getByLabel('Update existing targets').check()
  await expect(preview.getByRole('status')).toHaveText(
    'Read as Ansible INI: 0 to create · 3 to update · 0 to skip · 0 errors',
  )
  await preview.getByRole('button', { name: 'Import 3 targets' }).click()
  await expect(page.getByText('Imported 3 targets: 0 created, 3 updated')).toBeVisible()
  const db = e2eDatabase()
  const row = db.prepare("SELECT port FROM Target WHERE name = 'db1.importco.test'").get() as { port: number }
  db.close()
  expect(row.port).toBe(2222)
})

test('a viewer can neither open the import page nor call its actions', async ({ page }) => {
  await signIn(page, { email: people.viewer, password })
  await page.goto(`/${slug}/targets`)
  await expect(page.getByRole('link', { name: 'Import', exact: true })).toHaveCount(0)
  expect((await page.goto(`/${slug}/targets/import`))?.status()).toBe(404)
  const input = { tenant: slug, format: 'ini', text: 'evil.importco.test\n', existing: 'update', defaultUser: 'root' }
  for (const name of ['previewImportAction', 'commitImportAction']) {
    const result = await callAction(page.request, `/${slug}/targets/import`, name, input)
    expect(result.serverError, name).toBe('You do not have permission to do that.')
    expect(result.data, name).toBeUndefined()
  }
  expect(targetNames()).not.toContain('evil.importco.test')
})
