// Where Fanout keeps its state. Plain ESM so scripts/start.mjs (before any build) and the
// server agree on the same defaults.
import path from 'node:path'

/** FANOUT_DATA_DIR, default ./data (relative to the working directory). */
export function dataDir(env = process.env) {
  return path.resolve(/*turbopackIgnore: true*/ env.FANOUT_DATA_DIR || 'data')
}

/** DATABASE_URL, default the SQLite file fanout.db in the data directory. */
export function databaseUrl(env = process.env) {
  return env.DATABASE_URL || `file:${path.join(dataDir(env), 'fanout.db')}`
}

/** The master key file, used when FANOUT_MASTER_KEY is unset. */
export function masterKeyPath(env = process.env) {
  return path.join(dataDir(env), 'master.key')
}

/** @returns {'sqlite' | 'postgresql'} the provider a database URL names. */
export function providerOf(url) {
  return url && /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite'
}

/** The SQLite file path a `file:` URL names. */
export function sqlitePath(url) {
  return url.replace(/^file:/, '')
}
