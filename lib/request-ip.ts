type HeaderBag = Headers | Record<string, string | string[] | undefined>

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** The client address as the nearest proxy reports it (first X-Forwarded-For hop). */
export function clientIp(headers: HeaderBag): string | null {
  const forwarded = header(headers, 'x-forwarded-for')?.split(',')[0]?.trim()
  return forwarded || header(headers, 'x-real-ip') || null
}
