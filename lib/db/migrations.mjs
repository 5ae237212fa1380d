// Applies and diffs the SQL migrations with Prisma's own schema engine, in its WebAssembly
// build: the native engine that `prisma migrate` downloads is not available offline.
// Plain ESM (no TypeScript) because scripts/start.mjs runs it before anything is built.
import { readFile, readdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { providerOf, sqlitePath } from '../runtime-paths.mjs'

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const filters = { externalTables: [], externalEnums: [] }

/** @typedef {'sqlite' | 'postgresql'} Provider */

let engineModule
// The package imports its .wasm as an ES module, which Node 20 only allows behind
// --experimental-wasm-modules; instantiating it here keeps every caller flag-free.
async function loadEngineModule() {
  if (engineModule) return engineModule
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg')
  const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'))
  const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'))
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue })
  glue.__wbg_set_wasm(instance.exports)
  instance.exports.__wbindgen_start()
  engineModule = glue
  return glue
}

async function adapterFactory(provider, url) {
  if (provider === 'postgresql') {
    const { PrismaPg } = await import('@prisma/adapter-pg')
    return new PrismaPg({ connectionString: url })
  }
  const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3')
  return new PrismaBetterSqlite3({ url: `file:${sqlitePath(url)}` })
}

/** The schema files of one provider: its datasource/generator file plus the shared models. */
export async function datamodelFiles(provider) {
  const dir = path.join(root, 'prisma', provider)
  const names = (await readdir(dir)).filter((n) => n.endsWith('.prisma')).sort()
  return Promise.all(
    names.map(async (n) => ({ path: path.join(dir, n), content: await readFile(path.join(dir, n), 'utf8') })),
  )
}

/** @param {Provider} provider */
export async function migrationsList(provider) {
  const baseDir = path.join(root, 'prisma', provider, 'migrations')
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => [])
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()
  const lockPath = path.join(baseDir, 'migration_lock.toml')
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: await readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (d) => ({
        path: d,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok', value: await readFile(path.join(baseDir, d, 'migration.sql'), 'utf8') },
        },
      })),
    ),
  }
}

const pgCharOid = 18
const pgTextOid = 25

/**
 * Mends two gaps between the 7.10 driver adapters and the schema engine:
 * - @prisma/adapter-pg cannot map PostgreSQL's one-byte "char" type (OID 18), which the
 *   engine reads from the catalogs (relkind, contype, …) when it describes a schema:
 *   such columns are reported as text, which is what pg already parsed them into.
 * - replaying a migration into the shadow database goes through executeRaw, which
 *   better-sqlite3 runs as a single statement: a whole migration file goes to
 *   executeScript instead.
 */
function mendAdapter(queryable) {
  if (typeof queryable.performIO === 'function') {
    const performIO = queryable.performIO.bind(queryable)
    queryable.performIO = async (...args) => {
      const result = await performIO(...args)
      for (const field of result.fields ?? []) if (field.dataTypeID === pgCharOid) field.dataTypeID = pgTextOid
      return result
    }
  }
  if (queryable.provider === 'sqlite' && typeof queryable.executeScript === 'function') {
    const executeRaw = queryable.executeRaw.bind(queryable)
    queryable.executeRaw = async (query) => {
      try {
        return await executeRaw(query)
      } catch (error) {
        if (query.args?.length || !/more than one statement/.test(error?.message ?? '')) throw error
        await queryable.executeScript(query.sql)
        return 0
      }
    }
  }
  if (typeof queryable.startTransaction === 'function') {
    const startTransaction = queryable.startTransaction.bind(queryable)
    queryable.startTransaction = async (...args) => mendAdapter(await startTransaction(...args))
  }
  return queryable
}

/**
 * The adapter factory, with every connection it hands the engine remembered: freeing the
 * engine does not close them, and an open connection blocks e.g. CREATE DATABASE … TEMPLATE.
 */
function trackConnections(factory) {
  const opened = []
  const track = (fn) => async (...args) => {
    const adapter = mendAdapter(await fn(...args))
    opened.push(adapter)
    return adapter
  }
  return {
    factory: Object.assign(Object.create(Object.getPrototypeOf(factory)), factory, {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: track(factory.connect.bind(factory)),
      connectToShadowDb: track(factory.connectToShadowDb.bind(factory)),
    }),
    closeAll: () => Promise.allSettled(opened.map((a) => a.dispose())),
  }
}

/** Runs fn with a schema engine bound to the database at url, and frees it afterwards. */
export async function withEngine(url, fn) {
  const provider = providerOf(url)
  const { SchemaEngine } = await loadEngineModule()
  const files = await datamodelFiles(provider)
  const { factory, closeAll } = trackConnections(await adapterFactory(provider, url))
  const engine = await SchemaEngine.new(
    { datamodels: files.map((f) => [f.path, f.content]) },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  )
  try {
    return await fn(engine, provider, files)
  } finally {
    engine.free()
    await closeAll()
  }
}

/** Applies every migration not yet applied (idempotent); returns the names applied now. */
export async function applyMigrations(url) {
  if (providerOf(url) === 'sqlite') {
    // WAL lets readers (pages, live logs) go on while the engine writes; it persists in the
    // file. Set before the schema engine opens its own connection, which needs the file alone.
    const { default: Database } = await import('better-sqlite3')
    const sqlite = new Database(sqlitePath(url))
    sqlite.pragma('journal_mode = WAL')
    sqlite.close()
  }
  return withEngine(url, async (engine, provider) => {
    const out = await engine.applyMigrations({ migrationsList: await migrationsList(provider), filters })
    return out.appliedMigrationNames
  })
}

/**
 * The SQL that would take a database built from the committed migrations to the current
 * models: empty when migrations and models agree. url names a scratch database whose
 * server can host the shadow database the engine replays the migrations into.
 */
export async function pendingModelChanges(url) {
  return withEngine(url, async (engine, provider, files) => {
    const out = await engine.diff({
      from: { tag: 'migrations', ...(await migrationsList(provider)) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters,
    })
    const sql = (out.stdout ?? '').trim()
    return sql === '' || sql === '-- This is an empty migration.' ? '' : sql + '\n'
  })
}
