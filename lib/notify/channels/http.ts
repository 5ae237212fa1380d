import 'server-only'
import { clip } from './format'
import { DeliveryError } from './types'

export const HTTP_TIMEOUT_MS = 10_000

interface PostOptions {
  headers?: Record<string, string>
  /** For APIs that answer 200 with an error code in the body: the problem, or null. */
  refusal?: (body: Record<string, unknown>) => string | null
}

/**
 * POSTs a JSON body. Errors name the receiver by host only: the rest of a webhook URL
 * (path tokens, access_token, key) is a credential.
 */
export async function postJson(url: string, body: string, options: PostOptions = {}) {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    throw new DeliveryError('The webhook URL is not a valid URL.', null)
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:')
    throw new DeliveryError('The webhook URL must start with http:// or https://.', null)
  const where = target.host
  let response: Response
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
      body,
      // A redirect would repeat the POST somewhere the admin never configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    })
  } catch (error) {
    throw new DeliveryError(`Could not reach ${where}: ${networkReason(error)}.`, null)
  }
  const text = await response.text().catch(() => '')
  const excerpt = clip(text.replace(/\s+/g, ' ').trim(), 200)
  if (!response.ok)
    throw new DeliveryError(
      `${where} answered HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`,
      response.status,
    )
  if (options.refusal) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new DeliveryError(`${where} answered with something other than JSON: ${excerpt}`, response.status)
    }
    const problem = options.refusal((parsed ?? {}) as Record<string, unknown>)
    if (problem) throw new DeliveryError(`${where} refused the message: ${problem}`, response.status)
  }
  return { statusCode: response.status }
}

function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${HTTP_TIMEOUT_MS / 1000} s`
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
  if (typeof cause?.code === 'string') return cause.code
  return error instanceof Error ? error.message : 'unknown error'
}

/** "errcode 310000: sign not match" from an IM API's { errcode, errmsg } (or { code, msg }). */
export function codeRefusal(codeKey: string, messageKey: string) {
  return (body: Record<string, unknown>) => {
    const code = body[codeKey]
    if (code === undefined || code === 0) return null
    return `${codeKey} ${String(code)}${body[messageKey] ? `: ${clip(String(body[messageKey]), 200)}` : ''}`
  }
}
