import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Browser, expect, type Page, test } from '@playwright/test'
import { type PgCluster, startPostgres } from '../tests/support/postgres'
import { type SshHost, startSshd } from '../tests/support/sshd'
import { callAction } from './server-actions'
import { addBashScript, addTargets, admin, setUpTenants, trustPlatformKey } from './support'

// Two replicas on one PostgreSQL (PRODUCT.md §9): a web replica (FANOUT_ROLE=web) serves
// the pages and runs nothing; a worker replica (FANOUT_ROLE=worker) runs the engine and
// serves no pages. A run started on the web replica executes on the worker, its page on
// the web replica follows it live, and Cancel there stops it on the worker.

test.describe.configure({ mode: 'serial' })

const password = 'replica-password-1'
const MARKER = `fanout-e2e-replica-${Date.now()}`
let pg: PgCluster
let host: SshHost
let dataDir: string
const servers: ChildProcess[] = []
const port = (n: number) => Number(process.env.E2E_PORT) + 1 + n
const web = `http://127.0.0.1:${port(1)}`
const worker = `http://127.0.0.1:${port(2)}`

async function startReplica(role: 'web' | 'worker', base: string, databaseUrl: string) {
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    env: {
      ...process.env,
      PORT: new URL(base).port,
      FANOUT_HOST: '127.0.0.1',
      FANOUT_ROLE: role,
      FANOUT_DATA_DIR: dataDir,
      FANOUT_MASTER_KEY: 'a'.repeat(64),
      FANOUT_ADMIN_EMAIL: admin.email,
      FANOUT_ADMIN_PASSWORD: admin.password,
      FANOUT_ADMIN_NAME: admin.name,
      DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  servers.push(server)
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`the ${role} replica did not start`)
}

test.beforeAll(async () => {
  test.setTimeout(180_000)
  ;[pg, host] = await Promise.all([startPostgres(), startSshd()])
  dataDir = mkdtempSync(path.join(tmpdir(), 'fanout-e2e-replicas-'))
  const databaseUrl = await pg.createDatabase('fanout')
  // One after the other: the first applies the migrations.
  await startReplica('web', web, databaseUrl)
  await startReplica('worker', worker, databaseUrl)
})

test.afterAll(async () => {
  for (const server of servers) server.kill('SIGTERM')
  await host?.stop()
  await pg?.destroy()
  rmSync(dataDir, { recursive: true, force: true })
})

async function webPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: web })
  return context.newPage()
}

const runStatus = (page: Page) =>
  page.getByRole('heading', { level: 1 }).locator('..').locator('..').locator('[data-status]').first()
const remoteProcesses = () =>
  execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(MARKER))

test('the worker serves only health and metrics; each replica reports its role', async () => {
  const page = await fetch(`${worker}/login`)
  expect(page.status).toBe(503)
  expect((await page.json()).error).toContain('FANOUT_ROLE=worker')
  expect((await fetch(`${worker}/api/v1/tasks`)).status).toBe(503)
  expect(await (await fetch(`${worker}/api/health`)).json()).toMatchObject({
    ok: true,
    role: 'worker',
    engine: { ok: true },
    scheduler: { ok: true },
  })
  expect(await (await fetch(`${web}/api/health`)).json()).toMatchObject({
    ok: true,
    role: 'web',
    db: { provider: 'postgresql' },
    engine: { ok: true, role: 'runs on the worker replicas' },
  })
})

test('a run started on the web replica runs on the worker; its page follows it live, and Cancel stops it there', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const page = await webPage(browser)
  await setUpTenants(page, [['Replica Co', 'repco']], [], password)
  await trustPlatformKey(page, 'repco', host)
  await addTargets(page.request, 'repco', host, [
    ['rep-1', 'rep'],
    ['rep-2', 'rep'],
  ])
  await addBashScript(page.request, 'repco', {
    name: 'Ticker',
    content: 'for i in 1 2 3 4 5 6; do echo "tick $i from $FANOUT_TARGET_NAME"; sleep 0.5; done\n',
    parameters: [],
  })
  // Named after MARKER in ps, so the test sees it running on the host and then gone.
  const long = `exec -a ${MARKER} bash -c 'sleep 300; true'\n`
  await addBashScript(page.request, 'repco', { name: 'Long', content: long, parameters: [] })
  const start = async (name: string) => {
    await page.goto('/repco/scripts')
    const href = await page.getByRole('link', { name, exact: true }).getAttribute('href')
    const scriptId = /\/scripts\/([^/?]+)/.exec(href!)![1]
    const started = await callAction(page.request, '/repco/scripts', 'startScriptRunAction', {
      tenant: 'repco',
      scriptId,
      labels: ['rep'],
    })
    expect(started.serverError, JSON.stringify(started)).toBeUndefined()
    return (started.data as { runId: string }).runId
  }

  const ticker = await start('Ticker')
  await page.goto(`/repco/runs/${ticker}`)
  await expect(page.getByRole('log', { name: 'stdout' })).toContainText('tick 2 from rep-1', { timeout: 15_000 })
  // Output arrives from the other replica before the run ends.
  await expect(runStatus(page)).toHaveText('Running')
  await expect(runStatus(page)).toHaveText('Succeeded', { timeout: 20_000 })
  await expect(page.getByRole('log', { name: 'stdout' })).toContainText('tick 6 from rep-1')

  const longRun = await start('Long')
  await page.goto(`/repco/runs/${longRun}`)
  await expect(runStatus(page)).toHaveText('Running', { timeout: 15_000 })
  await expect.poll(() => remoteProcesses().length, { timeout: 10_000 }).toBeGreaterThan(0)
  await page.getByRole('button', { name: 'Cancel run' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel run' }).click()
  // The worker sees the request at its next heartbeat (every second) and kills the scripts.
  await expect(runStatus(page)).toHaveText('Cancelled', { timeout: 10_000 })
  await expect.poll(() => remoteProcesses(), { timeout: 10_000 }).toEqual([])
})
