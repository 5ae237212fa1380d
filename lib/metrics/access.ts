import { createHash, timingSafeEqual } from 'node:crypto'
import { loadConfig } from '@/lib/config'

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * Whether this request may read /api/metrics: anyone without FANOUT_METRICS_TOKEN, else only
 * `Authorization: Bearer <token>` (compared in constant time). Read per request, so a test
 * or a restart with another environment takes effect.
 */
export function metricsAllowed(headers: Headers): boolean {
  const token = loadConfig().FANOUT_METRICS_TOKEN
  if (!token) return true
  const given = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '')?.[1]?.trim()
  return given !== undefined && timingSafeEqual(digest(given), digest(token))
}
