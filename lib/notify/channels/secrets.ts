import 'server-only'
import { decryptSecret, encryptSecret } from '@/lib/crypto/envelope'
import type { ChannelSecrets } from './types'

// A channel's secrets are one envelope of JSON (NotifyChannel.secret); only the delivery
// worker and the re-seal on edit open it.

export function sealSecrets(secrets: ChannelSecrets): string | null {
  const present = Object.fromEntries(Object.entries(secrets).filter(([, v]) => typeof v === 'string' && v !== ''))
  return Object.keys(present).length ? encryptSecret(JSON.stringify(present)) : null
}

export function openSecrets(envelope: string | null): ChannelSecrets {
  return envelope ? (JSON.parse(decryptSecret(envelope)) as ChannelSecrets) : {}
}

/**
 * text with every secret of the channel replaced, including the parts of a webhook URL
 * that carry its token (path segments, query values): error text from a receiver or a
 * library may echo them, and it is shown on the settings page.
 */
export function redactSecrets(text: string, secrets: ChannelSecrets): string {
  const values = [secrets.password, secrets.signingSecret, secrets.url]
  if (secrets.url && URL.canParse(secrets.url)) {
    const url = new URL(secrets.url)
    values.push(url.search, ...url.searchParams.values(), ...url.pathname.split('/').filter((s) => s.length >= 8))
  }
  return values
    .filter((v): v is string => !!v && v.length >= 4)
    .sort((a, b) => b.length - a.length)
    .reduce((out, value) => out.split(value).join('***'), text)
}

/** What the settings page may show of a webhook URL: where it goes, not its token. */
export function urlHint(url: string): string {
  return URL.canParse(url) ? `${new URL(url).origin}/…` : ''
}
