import { db, provider } from '@/lib/db'
import packageJson from '@/package.json'

export const dynamic = 'force-dynamic'

/** Liveness and readiness: answers 200 when the database answers, 503 otherwise. */
export async function GET() {
  const started = Date.now()
  try {
    await db.$queryRawUnsafe('SELECT 1')
    return Response.json({ status: 'ok', version: packageJson.version, database: { provider, ok: true, latencyMs: Date.now() - started } })
  } catch {
    return Response.json(
      { status: 'error', version: packageJson.version, database: { provider, ok: false } },
      { status: 503 },
    )
  }
}
