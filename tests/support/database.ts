// Vitest setup file: before each test file, point DATABASE_URL at a fresh database of the
// project's provider (FANOUT_TEST_DB), cloned from the migrated template.
import { inject } from 'vitest'
import { cloneTemplate } from './templates'

process.env.DATABASE_URL = await cloneTemplate(process.env.FANOUT_TEST_DB ?? 'sqlite', {
  pgUrl: inject('pgUrl'),
  sqliteTemplate: inject('sqliteTemplate'),
  dir: inject('templateDir'),
})
