import type { RunMessage } from '@/lib/notify/message'
import type { TlsMode } from '@/lib/notify/schema'

/** What a channel keeps encrypted (NotifyChannel.secret): a webhook URL carries its token. */
export interface ChannelSecrets {
  url?: string
  signingSecret?: string
  password?: string
}

/** NotifyChannel.config of an email channel; webhook kinds keep only a display form of the URL. */
export interface EmailConfig {
  host: string
  port: number
  tls: TlsMode
  user: string
  from: string
  to: string[]
}

export interface SendContext {
  message: RunMessage
  config: Record<string, unknown>
  secrets: ChannelSecrets
  /** Sent along where the format allows, so a receiver can drop a retried duplicate. */
  deliveryId: string
}

/** A failed send: the message is shown on the settings page, so it never holds a secret. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError'
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message)
  }
}

/** Resolves with the receiver's status code on success; rejects with a DeliveryError. */
export type Sender = (context: SendContext) => Promise<{ statusCode: number | null }>
