import path from 'node:path'
import { defineConfig } from 'vitest/config'

// Two projects: every test runs on SQLite; tests named *.db.test.ts run on PostgreSQL too.
// tests/support/global-setup.ts starts one PostgreSQL cluster for the run and prepares
// migrated template databases; tests/support/database.ts gives each test file its own copy.

// A fixed test master key: tests never touch ./data.
const env = { FANOUT_MASTER_KEY: '0000000000000000000000000000000000000000000000000000000000000001' }

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(__dirname),
      // Outside Next's bundler nothing is a client component: the guard has nothing to guard.
      'server-only': path.resolve(__dirname, 'tests/support/empty.ts'),
    },
  },
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/database.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['tests/**/*.test.ts', 'lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}'],
          env: { ...env, FANOUT_TEST_DB: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: ['tests/**/*.db.test.ts', 'lib/**/*.db.test.ts'],
          env: { ...env, FANOUT_TEST_DB: 'postgresql' },
        },
      },
    ],
  },
})
