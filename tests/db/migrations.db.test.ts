import { describe, expect, it } from 'vitest'
import { applyMigrations, pendingModelChanges } from '@/lib/db/migrations.mjs'
import { databaseHome, testProvider } from '../support/database'
import { newDatabase } from '../support/templates'

describe(`migrations (${testProvider})`, () => {
  it('match prisma/models.prisma exactly: no drift between SQL and schema', async () => {
    // The engine replays the migrations into a shadow database and diffs that with the models.
    const scratch = await newDatabase(testProvider, databaseHome(), { empty: true })
    expect(await pendingModelChanges(scratch)).toBe('')
  })

  it('build an empty database on first start and apply nothing on the next', async () => {
    const url = await newDatabase(testProvider, databaseHome(), { empty: true })
    expect(await applyMigrations(url)).toEqual(expect.arrayContaining([expect.stringMatching(/_foundation$/)]))
    expect(await applyMigrations(url)).toEqual([])
  })
})
