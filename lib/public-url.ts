import 'server-only'
import { loadConfig } from '@/lib/config'

/**
 * The origin of links that leave the app (notifications, API answers, webhook URLs):
 * NEXTAUTH_URL; else the address the request came to; else this server on localhost (a
 * message sent with no request at hand), as README "Configuration" says of NEXTAUTH_URL.
 */
export function publicOrigin(headers?: Headers | null): string {
  const config = loadConfig()
  if (config.NEXTAUTH_URL) return config.NEXTAUTH_URL.replace(/\/+$/, '')
  const host = headers?.get('x-forwarded-host') ?? headers?.get('host')
  if (!host) return `http://localhost:${config.PORT ?? 3000}`
  const proto = headers?.get('x-forwarded-proto') ?? 'http'
  return `${proto.split(',')[0].trim()}://${host.split(',')[0].trim()}`
}
