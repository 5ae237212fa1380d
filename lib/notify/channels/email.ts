import 'server-only'
import nodemailer from 'nodemailer'
import { plainText, subject } from './format'
import { HTTP_TIMEOUT_MS } from './http'
import { DeliveryError, type EmailConfig, type Sender } from './types'

// Email through the tenant's SMTP server. Mail has room: the body is not cut to IM size.
const BODY_MAX_CHARS = 20_000

export const sendEmail: Sender = async ({ message, config, secrets, deliveryId }) => {
  const c = config as unknown as EmailConfig
  const transport = nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.tls === 'tls',
    requireTLS: c.tls === 'starttls',
    ignoreTLS: c.tls === 'none',
    auth: c.user ? { user: c.user, pass: secrets.password ?? '' } : undefined,
    connectionTimeout: HTTP_TIMEOUT_MS,
    greetingTimeout: HTTP_TIMEOUT_MS,
    socketTimeout: HTTP_TIMEOUT_MS,
  })
  try {
    const info = await transport.sendMail({
      from: c.from,
      to: c.to,
      subject: subject(message),
      text: plainText(message, BODY_MAX_CHARS),
      headers: { 'X-Fanout-Delivery': deliveryId },
    })
    return { statusCode: smtpCode(info.response) }
  } catch (error) {
    const e = error as { message?: string; responseCode?: number }
    throw new DeliveryError(`SMTP ${c.host}:${c.port}: ${e.message ?? 'sending failed'}`, e.responseCode ?? null)
  } finally {
    transport.close()
  }
}

function smtpCode(response: unknown): number | null {
  const match = typeof response === 'string' ? /^(\d{3})/.exec(response) : null
  return match ? Number(match[1]) : null
}
