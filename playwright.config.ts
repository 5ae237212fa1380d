import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

// One production server (scripts/start.mjs: migrate, build if needed, next start) on a
// fresh SQLite data directory. The config is evaluated in every worker too: values chosen
// here are fixed in the environment the first time so all processes agree.
process.env.E2E_PORT ??= String(20_000 + Math.floor(Math.random() * 20_000))
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'fanout-e2e-'))
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [
    { name: 'first-run', testMatch: /first-run\.spec\.ts/ },
    { name: 'portal', testIgnore: /first-run\.spec\.ts/, dependencies: ['first-run'] },
  ],
  // No NEXTAUTH_URL: the e2e server runs as a default install does.
  webServer: {
    command: 'node scripts/start.mjs',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: process.env.E2E_PORT,
      FANOUT_HOST: '127.0.0.1',
      FANOUT_DATA_DIR: process.env.E2E_DATA_DIR,
      DATABASE_URL: '',
      FANOUT_MASTER_KEY: '',
    },
  },
})
