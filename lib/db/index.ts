import 'server-only'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient as PostgresClient } from './generated/postgresql/client'
import { PrismaClient as SqliteClient } from './generated/sqlite/client'
import { databaseUrl, providerOf, sqlitePath } from '../runtime-paths.mjs'

// Both generated clients share one model file; the PostgreSQL client's types are the
// canonical ones (a superset: e.g. `mode: 'insensitive'`, see `contains` below).
export type Db = PostgresClient
// A value too: its sql and join tags build raw statements for either client.
export { Prisma } from './generated/postgresql/client'

export const provider = providerOf(databaseUrl())

// Prisma's defaults (wait 2 s for a connection, 5 s per transaction) fail a busy engine's
// output batches on a loaded server (bench/ scale-out: a 2,000-target run on PostgreSQL);
// waiting longer is right for work that must be stored.
const transactionOptions = { maxWait: 15_000, timeout: 30_000 }

function createClient(url: string): Db {
  if (providerOf(url) === 'postgresql') {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }), transactionOptions })
  }
  const adapter = new PrismaBetterSqlite3({ url: `file:${sqlitePath(url)}`, timeout: 15_000 }) // busy wait: a 5,000-host import holds the write lock for seconds
  const client = new SqliteClient({ adapter, transactionOptions })
  // In WAL mode NORMAL never corrupts the database; a power cut may lose the last commits.
  // FULL fsyncs every commit on the event loop (~1 ms each): the engine commits several
  // times per target. The adapter keeps one connection, so this holds for every query.
  client.$executeRawUnsafe('PRAGMA synchronous = NORMAL').catch((e: unknown) => console.error('[fanout] PRAGMA:', e))
  return client as unknown as Db
}

const globalForDb = globalThis as unknown as { fanoutDb?: Db }

/** The process-wide client, created on first use from DATABASE_URL. */
export function getDb(): Db {
  globalForDb.fanoutDb ??= createClient(databaseUrl())
  return globalForDb.fanoutDb
}

export const db: Db = new Proxy({} as Db, {
  get(_, prop) {
    const client = getDb()
    const value = Reflect.get(client, prop)
    return typeof value === 'function' ? value.bind(client) : value
  },
})

/** A case-insensitive substring match on either provider (SQLite's LIKE already is). */
export function contains(q: string) {
  return provider === 'postgresql' ? { contains: q, mode: 'insensitive' as const } : { contains: q }
}
