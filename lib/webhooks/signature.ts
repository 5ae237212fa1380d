import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

// The signing scheme (README "Webhooks"): the sender puts the Unix time in seconds in
// X-Fanout-Timestamp and `sha256=` + hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`) in
// X-Fanout-Signature. Binding the timestamp into the MAC keeps a captured call from being
// replayed later with a fresh timestamp; the seen-signature table refuses it within the window.

export const TIMESTAMP_HEADER = 'x-fanout-timestamp'
export const SIGNATURE_HEADER = 'x-fanout-signature'
/** How far the sender's clock may be from ours, either way. */
export const TOLERANCE_SECONDS = 5 * 60

/** A new webhook secret: 32 random bytes as hex (the HMAC key is this text, as typed). */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('hex')
}

export function signWebhook(secret: string, timestamp: string | number, body: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')
  return `sha256=${mac}`
}

export type SignatureCheck =
  | { ok: true; signature: string }
  | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature' }

/** Checks the headers against the raw body; the MAC is compared in constant time. */
export function checkSignature(
  secret: string,
  headers: Headers,
  body: Buffer,
  now: number = Date.now(),
): SignatureCheck {
  const timestamp = headers.get(TIMESTAMP_HEADER)?.trim()
  const signature = headers.get(SIGNATURE_HEADER)?.trim().toLowerCase()
  if (!timestamp || !signature) return { ok: false, reason: 'missing_headers' }
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' }
  if (Math.abs(now / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return { ok: false, reason: 'stale_timestamp' }
  const expected = Buffer.from(signWebhook(secret, timestamp, body))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' }
  return { ok: true, signature }
}

/** What a refused caller is told (never anything about the secret or the expected MAC). */
export const refusalMessages: Record<Exclude<SignatureCheck, { ok: true }>['reason'] | 'replay', string> = {
  missing_headers: `Sign the request: send the ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} headers.`,
  bad_timestamp: `${TIMESTAMP_HEADER} must be the Unix time in seconds.`,
  stale_timestamp: `${TIMESTAMP_HEADER} is more than ${TOLERANCE_SECONDS / 60} minutes from the server's clock.`,
  bad_signature: 'The signature does not match the body and timestamp.',
  replay: 'This request was already received (replay).',
}
