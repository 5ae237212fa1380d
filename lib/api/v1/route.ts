import 'server-only'
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { type ApiCaller, authenticateToken } from '@/lib/api/tokens'
import { type Actor, recordAudit } from '@/lib/audit/record'
import { clientIp } from '@/lib/request-ip'
import { listParams } from './pagination'
import { rateLimited } from './rate-limit'
import { apiError, invalid, zodIssues } from './respond'
import type { TokenScope } from './token-fields'

// Every /api/v1 handler is wrapped by apiRoute: the bearer token decides the tenant (never
// the URL), then the rate limit, then the token's scope. Everything is read from the
// Request itself, so handlers are plain functions a test can call.

export interface ApiContext<P> {
  request: Request
  caller: ApiCaller
  params: P
}

export const tokenActor = (caller: ApiCaller): Actor => ({
  type: 'token',
  id: caller.tokenId,
  label: caller.tokenName,
})

export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  need: TokenScope,
  handler: (context: ApiContext<P>) => Promise<Response>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const auth = await authenticateToken(request)
    if (!auth.ok) return auth.response
    const { caller } = auth
    const limited = await rateLimited(caller.tokenId)
    if (limited) return limited
    if (!caller.scopes.includes(need)) {
      await recordAudit({
        action: 'auth.denied',
        actor: tokenActor(caller),
        tenantId: caller.scope.tenantId,
        detail: { scope: need, path: new URL(request.url).pathname },
        ip: clientIp(request.headers),
      })
      return apiError(403, `This token may not do that: it needs the "${need}" scope.`)
    }
    try {
      return await handler({ request, caller, params: await context.params })
    } catch (error) {
      const id = randomUUID().slice(0, 8)
      console.error(`[api ${id}]`, error)
      return apiError(500, `Something went wrong (${id}).`)
    }
  }
}

type Parsed<S extends z.ZodType> = { ok: true; data: z.output<S> } | { ok: false; response: Response }

/** The URL's query (a list's: its cursor's), validated; a wrong value answers 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request): Parsed<S> {
  const parsed = schema.safeParse(listParams(request))
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, response: invalid(zodIssues(parsed.error)) }
}

/** The JSON body, validated; fields are named by their path in the body, e.g. `targetIds.0`. */
export async function parseBody<S extends z.ZodType>(schema: S, request: Request): Promise<Parsed<S>> {
  let body: unknown
  try {
    const text = await request.text()
    body = text.trim() ? JSON.parse(text) : {}
  } catch {
    return { ok: false, response: invalid([{ field: 'body', message: 'The body is not valid JSON.' }]) }
  }
  const parsed = schema.safeParse(body)
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, response: invalid(zodIssues(parsed.error)) }
}
