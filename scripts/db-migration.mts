// `npm run db:migration -- NAME`: writes a new migration for each provider from the change
// between the committed migrations and prisma/models.prisma. Runs Prisma's schema engine
// (WebAssembly) against a scratch SQLite file and a throwaway PostgreSQL cluster, which
// host the shadow databases the engine replays the migrations into.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pendingModelChanges } from '../lib/db/migrations.mjs'
import { startPostgres } from '../tests/support/postgres.ts'

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration -- name_in_snake_case')
  process.exit(2)
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const scratch = mkdtempSync(path.join(tmpdir(), 'fanout-migration-'))
const pg = await startPostgres()
try {
  const urls = { sqlite: `file:${path.join(scratch, 'scratch.db')}`, postgresql: await pg.createDatabase() }
  for (const [provider, url] of Object.entries(urls)) {
    const sql = await pendingModelChanges(url)
    if (!sql) {
      console.log(`${provider}: migrations already match the models`)
      continue
    }
    const dir = path.join('prisma', provider, 'migrations', `${stamp}_${name}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'migration.sql'), sql)
    console.log(`${provider}: wrote ${dir}/migration.sql`)
  }
} finally {
  await pg.destroy()
  rmSync(scratch, { recursive: true, force: true })
}
