// Vitest setup file: before each test file, point DATABASE_URL at a fresh database of the
// project's provider (FANOUT_TEST_DB), cloned from the migrated template.
import { inject } from 'vitest'
import { newDatabase } from './templates'

export const testProvider = process.env.FANOUT_TEST_DB ?? 'sqlite'

/** Where test databases come from: the run's PostgreSQL cluster and SQLite template. */
export const databaseHome = () => ({ pgUrl: inject('pgUrl'), sqliteTemplate: inject('sqliteTemplate'), dir: inject('templateDir') })

process.env.DATABASE_URL = await newDatabase(testProvider, databaseHome())
