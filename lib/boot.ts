import 'server-only'
import { loadConfig } from '@/lib/config'
import { ensureAdminFromEnvironment } from '@/lib/setup/from-environment'

/** Called from instrumentation.ts when a server process starts. */
export async function boot() {
  const config = loadConfig()
  await ensureAdminFromEnvironment(config)
}
