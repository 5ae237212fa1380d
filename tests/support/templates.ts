// Migrated template databases, made once per test run by global-setup.ts: each test file
// then gets its own copy in milliseconds instead of migrating its own database.
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { applyMigrations } from '../../lib/db/migrations.mjs'

export const pgTemplateName = 'fanout_template'

export async function prepareTemplates(pgUrl: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'fanout-test-db-'))
  const sqliteTemplate = path.join(dir, 'template.db')
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pgTemplateName}`)
    await admin.query(`CREATE DATABASE ${pgTemplateName}`)
  } finally {
    await admin.end()
  }
  await Promise.all([applyMigrations(`file:${sqliteTemplate}`), applyMigrations(withDatabase(pgUrl, pgTemplateName))])
  return { sqliteTemplate, dir }
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

interface Where {
  pgUrl: string
  sqliteTemplate: string
  dir: string
}

/**
 * A fresh database for one test file, copied from the migrated template of the provider,
 * or empty (no tables at all) when `empty` is set.
 */
export async function newDatabase(provider: string, where: Where, { empty = false } = {}) {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  if (provider === 'postgresql') {
    const admin = new pg.Client({ connectionString: where.pgUrl })
    await admin.connect()
    try {
      await admin.query(`CREATE DATABASE ${name}${empty ? '' : ` TEMPLATE ${pgTemplateName}`}`)
    } finally {
      await admin.end()
    }
    return withDatabase(where.pgUrl, name)
  }
  const file = path.join(where.dir, `${name}.db`)
  if (!empty) copyFileSync(where.sqliteTemplate, file)
  return `file:${file}`
}
