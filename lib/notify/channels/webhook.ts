import 'server-only'
import { createHmac } from 'node:crypto'
import { postJson } from './http'
import type { Sender } from './types'

/**
 * Generic JSON webhook: the message as JSON. With a signing secret, X-Fanout-Signature is
 * "sha256=" + hex HMAC-SHA256 of the raw body under that secret.
 */
export const sendWebhook: Sender = ({ message, secrets, deliveryId }) => {
  const body = JSON.stringify(message)
  const headers: Record<string, string> = {
    'x-fanout-delivery': deliveryId,
    'x-fanout-timestamp': String(Math.floor(Date.now() / 1000)),
  }
  if (secrets.signingSecret)
    headers['x-fanout-signature'] = `sha256=${createHmac('sha256', secrets.signingSecret).update(body).digest('hex')}`
  return postJson(secrets.url ?? '', body, { headers })
}
