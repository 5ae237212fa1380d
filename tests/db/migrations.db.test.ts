import { describe, expect, it } from 'vitest'
import { applyMigrations, pendingModelChanges } from '@/lib/db/migrations.mjs'

const url = process.env.DATABASE_URL!

describe(`migrations (${process.env.FANOUT_TEST_DB})`, () => {
  it('match prisma/models.prisma exactly: no drift between SQL and schema', async () => {
    expect(await pendingModelChanges(url)).toBe('')
  })

  it('are applied once: a second start applies nothing', async () => {
    // The test database is a copy of a migrated template.
    expect(await applyMigrations(url)).toEqual([])
  })
})
