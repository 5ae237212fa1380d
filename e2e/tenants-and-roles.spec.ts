import { expect, test } from '@playwright/test'
import { acmeAdmin, acmeViewer, admin, signIn, signOut } from './support'

test.describe.configure({ mode: 'serial' })

test('a system admin creates tenants and a tenant admin', async ({ page }) => {
  await signIn(page, admin)
  await expect(page).toHaveURL(/\/admin$/)

  for (const [name, slug] of [
    ['Acme', 'acme'],
    ['Globex', 'globex'],
  ]) {
    await page.getByRole('button', { name: 'New tenant' }).click()
    const dialog = page.getByRole('dialog', { name: 'New tenant' })
    await dialog.getByLabel('Name').fill(name)
    await dialog.getByLabel('Slug').fill('admin')
    await dialog.getByRole('button', { name: 'Create tenant' }).click()
    await expect(dialog.getByText('This slug is reserved.')).toBeVisible()
    await expect(dialog.getByLabel('Name')).toHaveValue(name)
    await dialog.getByLabel('Slug').fill(slug)
    await dialog.getByRole('button', { name: 'Create tenant' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible()
  }

  await page.getByRole('link', { name: 'Users' }).click()
  await page.getByRole('button', { name: 'New user' }).click()
  const create = page.getByRole('dialog', { name: 'New user' })
  await create.getByLabel('Name').fill(acmeAdmin.name)
  await create.getByLabel('Email').fill(acmeAdmin.email)
  await create.getByLabel('Password').fill(acmeAdmin.password)
  await create.getByRole('button', { name: 'Create user' }).click()
  await expect(create).toBeHidden()

  await page.getByRole('button', { name: `Tenants of ${acmeAdmin.email}` }).click()
  const memberships = page.getByRole('dialog', { name: `Tenants of ${acmeAdmin.email}` })
  await memberships.getByLabel('Tenant').selectOption({ label: 'Acme' })
  await memberships.getByLabel('Role').selectOption({ label: 'Tenant admin' })
  await memberships.getByRole('button', { name: 'Add' }).click()
  await expect(memberships.getByRole('list', { name: 'Memberships' })).toContainText('Acme — Tenant admin')
})

test('the tenant admin sees only their tenant and adds a viewer', async ({ page }) => {
  await signIn(page, acmeAdmin)
  await expect(page).toHaveURL(/\/acme$/)
  await expect(page.getByRole('heading', { name: 'Acme' })).toBeVisible()

  await page.getByRole('button', { name: 'Switch tenant' }).click()
  await expect(page.getByRole('menuitem')).toHaveText(['Acme'])
  await page.keyboard.press('Escape')

  expect((await page.goto('/globex'))?.status()).toBe(404)
  expect((await page.goto('/globex/settings'))?.status()).toBe(404)
  expect((await page.goto('/admin'))?.status()).toBe(404)

  await page.goto('/acme/settings')
  await page.getByRole('button', { name: 'Add member' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add a member' })
  await dialog.getByLabel('Email').fill(acmeViewer.email)
  await dialog.getByLabel('Role').selectOption({ label: 'Viewer' })
  await dialog.getByRole('button', { name: 'Add member' }).click()
  // A new account needs a name and a password: the error names the field, the email stays.
  await expect(dialog.getByText('New to Fanout: enter their name.')).toBeVisible()
  await expect(dialog.getByLabel('Email')).toHaveValue(acmeViewer.email)
  await dialog.getByLabel('Name (new accounts)').fill(acmeViewer.name)
  await dialog.getByLabel('First password (new accounts)').fill(acmeViewer.password)
  await dialog.getByRole('button', { name: 'Add member' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('cell', { name: acmeViewer.email, exact: true })).toBeVisible()
  await signOut(page)
})

test('a viewer sees the members but no button that changes anything', async ({ page }) => {
  await signIn(page, acmeViewer)
  await expect(page).toHaveURL(/\/acme$/)
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('cell', { name: acmeAdmin.email, exact: true })).toBeVisible()
  await expect(page.getByRole('cell', { name: acmeViewer.email, exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Add member' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Remove / })).toHaveCount(0)
  await expect(page.getByRole('combobox', { name: /^Role of / })).toHaveCount(0)
})

test('setting a user’s password ends their sessions; only the new password signs in', async ({ page, browser }) => {
  const viewer = await browser.newPage()
  await signIn(viewer, acmeViewer)
  await expect(viewer).toHaveURL(/\/acme$/)

  await signIn(page, admin)
  await page.goto('/admin/users')
  await page.getByRole('button', { name: `Edit ${acmeViewer.email}` }).click()
  const dialog = page.getByRole('dialog', { name: `Edit ${acmeViewer.email}` })
  const newPassword = `${acmeViewer.password}-renewed`
  await dialog.getByLabel('New password').fill(newPassword)
  await dialog.getByRole('button', { name: 'Set password' }).click()
  await expect(page.getByText('Password changed')).toBeVisible()

  await viewer.reload()
  await expect(viewer).toHaveURL(/\/login/)
  await viewer.getByLabel('Email').fill(acmeViewer.email)
  await viewer.getByLabel('Password').fill(acmeViewer.password)
  await viewer.getByRole('button', { name: 'Sign in' }).click()
  await expect(viewer.getByText('Invalid email or password.')).toBeVisible()
  await signIn(viewer, { ...acmeViewer, password: newPassword })
  await expect(viewer).toHaveURL(/\/acme$/)
  await viewer.close()

  // Only that user's sessions end: the admin's goes on.
  await page.reload()
  await expect(page).toHaveURL(/\/admin\/users$/)
})
