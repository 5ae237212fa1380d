import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { type PgCluster, startPostgres } from '../tests/support/postgres'

// `DATABASE_URL=postgresql://… npm start` works like the SQLite default: migrations are
// applied on start, first-run setup appears, and the portal works.

let pg: PgCluster
let server: ChildProcess
let dataDir: string
const port = Number(process.env.E2E_PORT) + 1
const base = `http://127.0.0.1:${port}`

test.beforeAll(async () => {
  test.setTimeout(120_000)
  pg = await startPostgres()
  dataDir = mkdtempSync(path.join(tmpdir(), 'fanout-e2e-pg-'))
  server = spawn(process.execPath, ['scripts/start.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      FANOUT_HOST: '127.0.0.1',
      FANOUT_DATA_DIR: dataDir,
      DATABASE_URL: await pg.createDatabase('fanout'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('the PostgreSQL-backed server did not start')
})

test.afterAll(async () => {
  server?.kill('SIGTERM')
  await pg?.destroy()
  rmSync(dataDir, { recursive: true, force: true })
})

test('on PostgreSQL: health names the provider, setup and sign-in work, a tenant is created', async ({ page }) => {
  const health = await (await fetch(`${base}/api/health`)).json()
  expect(health).toMatchObject({ ok: true, db: { provider: 'postgresql', ok: true } })

  await page.goto(`${base}/`)
  await expect(page).toHaveURL(/\/setup$/)
  await page.getByLabel('Name').fill('Pat Postgres')
  await page.getByLabel('Email').fill('pat@example.test')
  await page.getByLabel('Password').fill('pat-password-1')
  await page.getByRole('button', { name: 'Create admin and sign in' }).click()
  await expect(page).toHaveURL(/\/admin$/)

  await page.getByRole('button', { name: 'New tenant' }).click()
  const dialog = page.getByRole('dialog', { name: 'New tenant' })
  await dialog.getByLabel('Name').fill('Hooli')
  await dialog.getByLabel('Slug').fill('hooli')
  await dialog.getByRole('button', { name: 'Create tenant' }).click()
  await expect(page.getByRole('link', { name: 'Hooli', exact: true })).toBeVisible()
  await page.getByRole('searchbox', { name: /Search/ }).fill('HOOL')
  await expect(page.getByRole('link', { name: 'Hooli', exact: true })).toBeVisible()
})
