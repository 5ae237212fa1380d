import { expect, type Page } from '@playwright/test'

export const admin = { name: 'Ada Admin', email: 'ada@example.test', password: 'ada-password-1' }
export const acmeAdmin = { name: 'Tom Tenant', email: 'tom@example.test', password: 'tom-password-1' }
export const acmeViewer = { name: 'Vic Viewer', email: 'vic@example.test', password: 'vic-password-1' }

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(who.email)
  await page.getByLabel('Password').fill(who.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'User menu' }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login/)
}
