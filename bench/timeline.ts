// The run timeline at 5,000 targets (issue: "renders in under 2 s in Chromium"): a finished
// run seeded straight into a fresh SQLite database, the app started on it as `npm start`
// does, then Chromium opens the run page's timeline; the time from navigation to the first
// lanes painted is what counts. Writes a "Run timeline" section into bench/RESULTS.md and
// run_timeline_<N> into bench/results.json (BENCH_OUT to write elsewhere). bench/README.md.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { chromium } from '@playwright/test'
import { applyMigrations } from '../lib/db/migrations.mjs'
import { databaseUrl } from '../lib/runtime-paths.mjs'
import { loadAverage } from './machine'
import { median, round } from './sampling'

const targets = Number(process.env.BENCH_TIMELINE_TARGETS ?? 5000)
const samples = Number(process.env.BENCH_TIMELINE_RUNS ?? 5)
const outDir = process.env.BENCH_OUT ?? 'bench'
const goalMs = 2000
const root = path.resolve(__dirname, '..')
const log = (message: string) => console.log(`[bench:timeline] ${message}`)

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function waitForHealth(url: string, app: ChildProcess) {
  // A first start builds the app: minutes, not seconds.
  const end = Date.now() + 15 * 60_000
  while (Date.now() < end) {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}) before it was healthy`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await sleep(500)
  }
  throw new Error(`${url} not healthy after 15 min`)
}

/** Replaces the "Run timeline" section of RESULTS.md (up to the next "## "), or appends it. */
function writeSection(file: string, section: string) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Fanout benchmark results\n'
  const start = text.indexOf('\n## Run timeline\n')
  if (start < 0) return writeFileSync(file, `${text.trimEnd()}\n\n${section}`)
  const next = text.indexOf('\n## ', start + 1)
  writeFileSync(file, `${text.slice(0, start + 1)}${section}${next < 0 ? '' : text.slice(next)}`)
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'fanout-bench-timeline-'))
  const env = {
    ...process.env,
    FANOUT_DATA_DIR: dir,
    DATABASE_URL: '',
    FANOUT_MASTER_KEY: randomBytes(32).toString('hex'),
  }
  Object.assign(process.env, env)
  let app: ChildProcess | null = null
  try {
    await applyMigrations(databaseUrl())
    // Imported once the environment names the fresh database: lib/db opens it on first use.
    const { seedFinishedRun } = await import('./timeline-seed')
    const seeded = await seedFinishedRun(targets)
    // Closed before the app migrates the same file: an open connection holds its lock.
    await (await import('@/lib/db')).db.$disconnect()
    log(`seeded a finished run on ${targets} targets in ${dir}`)

    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    app = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: { ...env, PORT: String(port), FANOUT_HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    })
    await waitForHealth(`${base}/api/health`, app)
    log(`app up on ${base}`)

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    })
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    await page.goto(`${base}/login`)
    await page.getByLabel('Email').fill(seeded.email)
    await page.getByLabel('Password').fill(seeded.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))

    const url = `${base}/${seeded.slug}/runs/${seeded.runId}?view=timeline`
    const paintedMs: number[] = []
    const responseMs: number[] = []
    let pageKiB = 0
    // One warm-up load, not counted: the server's first render of the route fills its caches.
    for (let i = -1; i < samples; i++) {
      await page.goto(url, { waitUntil: 'commit' })
      const painted = Number(await page.locator('[data-painted-at]').getAttribute('data-painted-at'))
      const lanes = await page.getByRole('list', { name: 'Target-runs by start' }).getByRole('listitem').count()
      if (!lanes) throw new Error('the timeline painted no lane')
      if (i < 0) continue
      paintedMs.push(painted)
      // Where the time goes: the server's whole response (HTML with the page's data), on the same clock.
      const nav = await page.evaluate(() => {
        const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
        return { responseEnd: entry.responseEnd, bytes: entry.decodedBodySize }
      })
      responseMs.push(round(nav.responseEnd, 0))
      pageKiB = round(nav.bytes / 1024, 0)
      log(`sample ${i + 1}: timeline painted ${painted} ms after navigation (${lanes} lanes drawn)`)
    }
    await browser.close()

    const result = {
      targets,
      median_ms: round(median(paintedMs), 0),
      samples_ms: paintedMs,
      response_end_ms: responseMs,
      html_kib: pageKiB,
      goal_ms: goalMs,
      met: median(paintedMs) < goalMs,
      date: new Date().toISOString(),
      load_average: loadAverage(),
    }
    const jsonFile = path.join(outDir, 'results.json')
    const json = existsSync(jsonFile) ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown>) : {}
    json[`run_timeline_${targets}`] = result
    writeFileSync(jsonFile, JSON.stringify(json, null, 2) + '\n')
    writeSection(
      path.join(outDir, 'RESULTS.md'),
      [
        '## Run timeline',
        '',
        'Written by `node --require ./bench/server-only-shim.cjs --import tsx bench/timeline.ts` on ' +
          `${result.date.slice(0, 16).replace('T', ' ')} UTC (load average ${result.load_average.join(', ')}).`,
        `A finished run on ${targets} targets (parallelism 100, 2–6 s each, 1% stragglers), seeded into a fresh`,
        'SQLite database; the app started with `node scripts/start.mjs`; Chromium (1280×900) opens',
        '`/<tenant>/runs/<id>?view=timeline` signed in as a tenant admin. Measured: from navigation start to the',
        'first lanes painted (the `data-painted-at` mark of components/runs/run-timeline.tsx), after one',
        'warm-up load that is not counted.',
        '',
        '| targets | median (ms) | samples (ms) | response end (ms) | HTML (KiB) | goal | met |',
        '|---|---|---|---|---|---|---|',
        `| ${targets} | **${result.median_ms}** | ${paintedMs.join(', ')} | ${responseMs.join(', ')} | ${pageKiB} | ` +
          `< ${goalMs} ms | ${result.met ? 'yes' : '**no**'} |`,
        '',
      ].join('\n'),
    )
    log(`median ${result.median_ms} ms over ${samples} loads (goal < ${goalMs} ms): ${jsonFile}, RESULTS.md`)
  } finally {
    if (app?.pid && app.exitCode === null) process.kill(-app.pid, 'SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('[bench:timeline] failed:', e instanceof Error ? (e.stack ?? e.message) : e)
    process.exit(1)
  },
)
