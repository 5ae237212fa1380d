import { checkHealth } from '@/lib/metrics/health'
import packageJson from '@/package.json'

export const dynamic = 'force-dynamic'

/**
 * Liveness and readiness: 200 when the database answers and this process's engine and
 * scheduler completed a round lately, else 503 naming the part that is down.
 */
export async function GET() {
  const health = await checkHealth()
  return Response.json(
    { ...health, status: health.ok ? 'ok' : 'error', version: packageJson.version },
    { status: health.ok ? 200 : 503 },
  )
}
