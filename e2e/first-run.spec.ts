import { expect, test } from '@playwright/test'
import { admin, signIn, signOut } from './support'

test('first run: set up the first admin, sign out, fail and succeed to sign in', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/setup$/)
  await expect(page.getByRole('heading', { name: 'Welcome to Fanout' })).toBeVisible()

  // Bad input: every field error is shown beside its field and what was typed stays.
  await page.getByLabel('Name').fill(admin.name)
  await page.getByLabel('Email').fill('not-an-email')
  await page.getByLabel('Password').fill('short')
  await page.getByRole('button', { name: 'Create admin and sign in' }).click()
  await expect(page.getByText('Enter a valid email address.')).toBeVisible()
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible()
  await expect(page.getByLabel('Name')).toHaveValue(admin.name)
  await expect(page.getByLabel('Email')).toHaveValue('not-an-email')

  await page.getByLabel('Email').fill(admin.email)
  await page.getByLabel('Password').fill(admin.password)
  await page.getByRole('button', { name: 'Create admin and sign in' }).click()
  await expect(page).toHaveURL(/\/admin$/)
  await expect(page.getByRole('heading', { name: 'Tenants' })).toBeVisible()

  // The setup page is gone for good.
  const setup = await page.goto('/setup')
  expect(setup?.status()).toBe(404)

  await page.goto('/admin')
  await signOut(page)

  await page.getByLabel('Email').fill(admin.email)
  await page.getByLabel('Password').fill('wrong-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Invalid email or password.')).toBeVisible()
  await expect(page).toHaveURL(/\/login/)

  await signIn(page, admin)
  await expect(page).toHaveURL(/\/admin$/)
})

test('a page asked for before signing in opens after signing in', async ({ page }) => {
  await page.goto('/admin/audit?action=auth.')
  await expect(page).toHaveURL(/\/login\?callbackUrl=/)
  await page.getByLabel('Email').fill(admin.email)
  await page.getByLabel('Password').fill(admin.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/admin\/audit\?action=auth\.$/)
})
