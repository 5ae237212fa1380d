import { metricsAllowed } from '@/lib/metrics/access'
import { renderMetrics } from '@/lib/metrics/registry'

export const dynamic = 'force-dynamic'

/** Prometheus metrics (README "Metrics and health"); FANOUT_METRICS_TOKEN, when set, is required. */
export async function GET(request: Request) {
  if (!metricsAllowed(request.headers)) {
    return Response.json(
      { error: 'Send Authorization: Bearer <FANOUT_METRICS_TOKEN>.' },
      { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
    )
  }
  const { body, contentType } = await renderMetrics()
  return new Response(body, { headers: { 'Content-Type': contentType } })
}
