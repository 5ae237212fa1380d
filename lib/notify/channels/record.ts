import 'server-only'
import type { ChannelData } from '@/lib/notify/queries'
import type { ChannelInput } from '@/lib/notify/schema'
import { sealSecrets, urlHint } from './secrets'
import type { ChannelSecrets } from './types'

export type RecordResult = { ok: true; data: ChannelData } | { ok: false; field: string; message: string }

/**
 * A channel form as it is stored: settings in config, secrets sealed. Empty secret fields
 * keep the kept (stored) ones, so an edit never needs them again.
 */
export function channelRecord(input: ChannelInput, kept: ChannelSecrets = {}): RecordResult {
  const base = { name: input.name, kind: input.kind, enabled: input.enabled }
  if (input.kind === 'email') {
    const password = input.user ? input.password || kept.password || '' : ''
    if (input.user && !password) return { ok: false, field: 'password', message: 'Enter the password for this user.' }
    const { host, port, tls, user, from, to } = input
    return {
      ok: true,
      data: { ...base, config: { host, port, tls, user, from, to }, secret: sealSecrets({ password }) },
    }
  }
  const url = input.url || kept.url
  if (!url) return { ok: false, field: 'url', message: 'Enter the webhook URL.' }
  const signingSecret = 'signingSecret' in input ? input.signingSecret || kept.signingSecret : undefined
  return {
    ok: true,
    data: {
      ...base,
      config: { urlHint: urlHint(url), signed: !!signingSecret },
      secret: sealSecrets({ url, signingSecret }),
    },
  }
}
