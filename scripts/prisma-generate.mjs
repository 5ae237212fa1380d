// Generates the two Prisma clients (lib/db/generated/{sqlite,postgresql}) from the shared
// models. Runs on postinstall and from scripts/start.mjs.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const prismaCli = require.resolve('prisma/build/index.js')

for (const provider of ['sqlite', 'postgresql']) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', `prisma/${provider}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    // Generating needs no schema engine; without this the CLI tries to download one.
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  })
}
