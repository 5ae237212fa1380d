// Calls /api/v1 route handlers as Next would: a Request with a bearer token and the
// route's params as a promise.
import type { Scope } from '@/lib/auth/tenant-access'
import { createApiToken } from '@/lib/api/tokens'
import type { TokenScope } from '@/lib/api/v1/token-fields'

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>

export interface CallOptions<P> {
  token?: string
  params?: P
  method?: string
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
}

export function call<P = Record<string, never>>(handler: Handler<P>, path: string, options: CallOptions<P> = {}) {
  // As every HTTP/1.1 client sends it: links in answers are built on it (lib/public-url).
  const headers: Record<string, string> = { host: 'fanout.test', ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const request = new Request(`http://fanout.test/api/v1${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  })
  return handler(request, { params: Promise.resolve(options.params ?? ({} as P)) })
}

/** A token of scope's tenant, created as the settings page does; returns its secret and id. */
export async function makeToken(scope: Scope, tokenScope: TokenScope = 'read', name = `t-${Math.random()}`) {
  const { token, secret } = await createApiToken(scope, { name, scope: tokenScope, expiresOn: '' })
  return { id: token.id, secret, name }
}
