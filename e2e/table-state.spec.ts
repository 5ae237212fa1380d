import { expect, test } from '@playwright/test'
import { admin, signIn } from './support'

test('a table keeps its search, filter, sort and page across a reload and a shared link', async ({ page, browser }) => {
  await signIn(page, admin)
  await page.goto('/admin/audit')
  await page.getByRole('searchbox', { name: /Search/ }).fill('signin')
  await expect(page).toHaveURL(/q=signin/)
  await page.getByRole('combobox', { name: 'Action' }).click()
  await page.getByRole('option', { name: 'auth' }).click()
  await expect(page).toHaveURL(/action=auth\./)
  await page.getByRole('button', { name: 'When' }).click()
  await expect(page).toHaveURL(/dir=asc/)
  await page.getByRole('combobox', { name: 'Rows per page' }).click()
  await page.getByRole('option', { name: '10', exact: true }).click()
  await expect(page).toHaveURL(/perPage=10/)

  const url = page.url()
  const firstRow = (await page.getByRole('row').nth(1).textContent()) ?? ''
  const showing = (await page.getByText(/^Showing /).textContent()) ?? ''
  expect(firstRow).toContain('auth.signin')

  await page.reload()
  await expect(page.getByRole('searchbox', { name: /Search/ })).toHaveValue('signin')
  await expect(page.getByRole('combobox', { name: 'Action' })).toHaveText('Action:auth')
  await expect(page.getByRole('row').nth(1)).toHaveText(firstRow)
  await expect(page.getByText(/^Showing /)).toHaveText(showing)

  // The same link in another browser (signed in as well) shows the same page.
  const other = await browser.newPage()
  await signIn(other, admin)
  await other.goto(url)
  await expect(other.getByRole('searchbox', { name: /Search/ })).toHaveValue('signin')
  await expect(other.getByRole('row').nth(1)).toHaveText(firstRow)
  await other.close()
})
