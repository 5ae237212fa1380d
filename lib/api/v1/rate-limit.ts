import 'server-only'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { apiError } from './respond'

// Per token, in this process's memory: bursts of 20 requests a second. With several
// replicas each allows as much (a PostgreSQL store would share the count; not needed yet).
export const apiRateLimit = { points: 20, seconds: 1 }

const limiter = new RateLimiterMemory({
  keyPrefix: 'api-v1',
  points: apiRateLimit.points,
  duration: apiRateLimit.seconds,
})

/** null when the token may make this request, else the 429 answer with Retry-After. */
export async function rateLimited(tokenId: string): Promise<Response | null> {
  try {
    await limiter.consume(tokenId)
    return null
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
    return apiError(429, `Too many requests for this token. Retry in ${seconds} s.`, { 'retry-after': String(seconds) })
  }
}
