import path from 'node:path'
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'

// Two projects: every test runs on SQLite; tests named *.db.test.ts run on PostgreSQL too.
// tests/support/global-setup.ts starts one PostgreSQL cluster for the run and prepares
// migrated template databases; tests/support/database.ts gives each test file its own copy.

// A fixed test master key: tests never touch ./data.
const env = { FANOUT_MASTER_KEY: '0000000000000000000000000000000000000000000000000000000000000001' }

// Most files wait on sshd, databases and sleeps, so more files run at once than there are
// cores. The scheduler's files assert fires to the second: they run after the rest, alone,
// so a busy machine cannot make a job tick late. `--project 'sqlite*'` runs both halves.
const TIMED = ['tests/scheduler/**']

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
      project('sqlite', ['tests/**/*.test.ts', 'lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}']),
      project('postgresql', ['tests/**/*.db.test.ts', 'lib/**/*.db.test.ts']),
      project('sqlite', ['tests/**/*.test.ts'], { timed: true }),
      project('postgresql', ['tests/**/*.db.test.ts'], { timed: true }),
    ],
  },
})

function project(
  db: 'sqlite' | 'postgresql',
  include: string[],
  { timed = false } = {},
): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name: timed ? `${db}-timed` : db,
      include: timed ? include.flatMap((glob) => TIMED.map((dir) => `${dir}/${glob.split('/').pop()}`)) : include,
      exclude: timed ? [] : TIMED,
      maxWorkers: timed ? 1 : 3,
      sequence: { groupOrder: timed ? 1 : 0 },
      env: { ...env, FANOUT_TEST_DB: db },
    },
  }
}
