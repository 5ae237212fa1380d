// Vitest globalSetup: one PostgreSQL cluster for the whole run, plus the migrated template
// databases (templates.ts) that each test file clones. Tests read the values with
// `inject('pgUrl')` etc. from 'vitest'.
import { rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { type PgCluster, startPostgres } from './postgres'
import { prepareTemplates } from './templates'

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgresql://fanout@127.0.0.1:PORT/postgres — superuser, may CREATE DATABASE. */
    pgUrl: string
    /** Migrated SQLite database file to copy. */
    sqliteTemplate: string
    /** Temp dir for per-test-file SQLite copies. */
    templateDir: string
  }
}

interface Shared {
  users: number
  ready: Promise<{ cluster: PgCluster; sqliteTemplate: string; templateDir: string }>
}

// Vitest runs globalSetup once for the root project and once more for every project that
// inherits it, possibly through separate module instances: share one cluster via globalThis.
const key = Symbol.for('fanout.tests.globalSetup')
const registry = globalThis as typeof globalThis & { [key]?: Shared }

export default async function setup(project: TestProject) {
  const shared = (registry[key] ??= { users: 0, ready: boot() })
  shared.users++
  const { cluster, sqliteTemplate, templateDir } = await shared.ready
  project.provide('pgUrl', cluster.url)
  project.provide('sqliteTemplate', sqliteTemplate)
  project.provide('templateDir', templateDir)

  return async () => {
    if (--shared.users > 0) return
    delete registry[key]
    await cluster.destroy()
    rmSync(templateDir, { recursive: true, force: true })
  }
}

async function boot() {
  const cluster = await startPostgres()
  try {
    const { sqliteTemplate, dir } = await prepareTemplates(cluster.url)
    return { cluster, sqliteTemplate, templateDir: dir }
  } catch (err) {
    await cluster.destroy()
    throw err
  }
}
