// `npm start`: everything a fresh clone needs, then `next start`.
//   1. generate the Prisma clients if missing
//   2. create the data directory and, unless FANOUT_MASTER_KEY is set, ./data/master.key (0600)
//   3. apply pending migrations to DATABASE_URL (SQLite ./data/fanout.db by default)
//   4. build when there is no build of the current sources
//   5. serve on PORT (default 3000)
// `--dev` runs `next dev` instead of steps 4–5; `--build-only` does steps 1 and 4 and exits
// (`npm test` builds for the e2e suite while the other suites run).
import { spawn, spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { applyMigrations } from '../lib/db/migrations.mjs'
import { dataDir, databaseUrl, masterKeyPath, providerOf, sqlitePath } from '../lib/runtime-paths.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
process.chdir(root)
const dev = process.argv.includes('--dev')
const buildOnly = process.argv.includes('--build-only')
const nextBin = path.join(root, 'node_modules/next/dist/bin/next')

function log(message) {
  console.log(`[fanout] ${message}`)
}

function run(args, env = process.env) {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

function ensureClients() {
  if (!existsSync(path.join(root, 'lib/db/generated/sqlite/client.ts'))) {
    log('generating the database clients')
    run([path.join(root, 'scripts/prisma-generate.mjs')])
  }
}

function ensureDataDir() {
  mkdirSync(dataDir(), { recursive: true, mode: 0o700 })
  if (process.env.FANOUT_MASTER_KEY) return
  const file = masterKeyPath()
  if (!existsSync(file)) {
    // flag 'wx': never overwrite a key another process wrote meanwhile.
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
    log(`created ${file} — back it up: secrets stored in the database are encrypted with it`)
  }
}

async function migrate() {
  const url = databaseUrl()
  if (providerOf(url) === 'sqlite') mkdirSync(path.dirname(path.resolve(sqlitePath(url))), { recursive: true })
  const applied = await applyMigrations(url)
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`)
}

// The build is reused while the sources it was made from are unchanged.
const sourceDirs = ['app', 'components', 'lib', 'prisma', 'public', 'types']
const sourceFiles = ['package-lock.json', 'next.config.ts', 'proxy.ts', 'instrumentation.ts', 'tsconfig.json', 'postcss.config.mjs']

function sourceStamp() {
  const hash = createHash('sha256')
  const visit = (p) => {
    if (!existsSync(p)) return
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) if (name !== 'generated') visit(path.join(p, name))
    } else {
      hash.update(path.relative(root, p)).update('\0').update(readFileSync(p))
    }
  }
  for (const d of sourceDirs) visit(path.join(root, d))
  for (const f of sourceFiles) visit(path.join(root, f))
  return hash.digest('hex')
}

function ensureBuild() {
  const stampFile = path.join(root, '.next/fanout-source-stamp')
  const stamp = sourceStamp()
  const built = existsSync(path.join(root, '.next/BUILD_ID')) && existsSync(stampFile)
  if (built && readFileSync(stampFile, 'utf8') === stamp) return
  log('building (first start or changed sources; this takes a few minutes)')
  run([nextBin, 'build'], { ...process.env, NEXT_TELEMETRY_DISABLED: '1' })
  writeFileSync(stampFile, stamp)
}

function serve() {
  const port = process.env.PORT || '3000'
  const args = dev ? [nextBin, 'dev', '-p', port] : [nextBin, 'start', '-p', port]
  if (process.env.FANOUT_HOST) args.push('-H', process.env.FANOUT_HOST)
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

ensureClients()
if (buildOnly) {
  ensureBuild()
  process.exit(0)
}
ensureDataDir()
try {
  await migrate()
} catch (error) {
  console.error(`[fanout] cannot migrate the database at ${databaseUrl().replace(/\/\/[^@]*@/, '//***@')}: ${error.message}`)
  process.exit(1)
}
if (!dev) ensureBuild()
serve()
