import { z } from 'zod'
import { nameField } from '@/lib/printable'

// A channel's form fields, shared by the settings dialogs and the actions. No server
// imports. Secret fields (SMTP password, webhook URL, signing secret) are write-only:
// left empty on an edit they keep what is stored.

export const channelKinds = ['email', 'webhook', 'slack', 'feishu', 'dingtalk', 'wecom'] as const
export type ChannelKind = (typeof channelKinds)[number]

export const channelKindLabels: Record<ChannelKind, string> = {
  email: 'Email (SMTP)',
  webhook: 'Webhook (JSON)',
  slack: 'Slack',
  feishu: 'Feishu',
  dingtalk: 'DingTalk',
  wecom: 'WeCom',
}

export const tlsModes = ['starttls', 'tls', 'none'] as const
export type TlsMode = (typeof tlsModes)[number]
export const tlsModeLabels: Record<TlsMode, string> = {
  starttls: 'STARTTLS (usually port 587)',
  tls: 'TLS from the start (usually port 465)',
  none: 'None (trusted networks only)',
}

/** The kinds whose signing secret is optional; Slack's URL is its only credential. */
export const signedKinds: readonly ChannelKind[] = ['webhook', 'feishu', 'dingtalk']

const tenant = z.string().min(1)
const channelId = z.string().min(1)
const name = nameField()
const secretField = z.string().max(2_000, 'That is too long.').optional().default('')

const emailList = z
  .string()
  .optional()
  .default('')
  .transform((s) => [
    ...new Set(
      s
        .split(/[\s,;]+/)
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.email('Each recipient must be an email address.'))
      .min(1, 'Enter at least one recipient.')
      .max(50, 'At most 50 recipients.'),
  )

const emailFields = {
  kind: z.literal('email'),
  host: z
    .string()
    .trim()
    .min(1, 'Enter the SMTP server.')
    .max(253, 'At most 253 characters.')
    .regex(/^[A-Za-z0-9.:-]+$/, 'Use a host name or an IP address.'),
  port: z.coerce
    .number({ error: 'Enter a port number.' })
    .int('Enter a whole number.')
    .min(1, 'Ports run from 1 to 65535.')
    .max(65535, 'Ports run from 1 to 65535.'),
  tls: z.enum(tlsModes, 'Choose how the connection is encrypted.'),
  user: z.string().trim().max(200, 'At most 200 characters.').optional().default(''),
  password: secretField,
  from: z.email('Enter the sender address.').or(
    z
      .string()
      .trim()
      .regex(/^[^<>\n]{1,100}<[^<>\s]+@[^<>\s]+>$/, 'Enter an address, or a name and <address>.'),
  ),
  to: emailList,
}

/** Empty (keep the stored one on an edit) or an http(s) URL. */
const webhookUrl = z
  .string()
  .trim()
  .max(2_000, 'At most 2000 characters.')
  .optional()
  .default('')
  .refine((u) => u === '' || isHttpUrl(u), 'Enter an http:// or https:// URL.')

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

const hookFields = { url: webhookUrl, signingSecret: secretField }

/** One object per kind; `extra` adds what an edit needs (the channel's id). */
function kindSchemas<T extends z.ZodRawShape>(extra: T) {
  const common = { tenant, name, enabled: z.boolean().default(true), ...extra }
  return [
    z.object({ ...common, ...emailFields }),
    z.object({ ...common, kind: z.literal('webhook'), ...hookFields }),
    z.object({ ...common, kind: z.literal('slack'), url: webhookUrl }),
    z.object({ ...common, kind: z.literal('feishu'), ...hookFields }),
    z.object({ ...common, kind: z.literal('dingtalk'), ...hookFields }),
    z.object({ ...common, kind: z.literal('wecom'), url: webhookUrl }),
  ] as const
}

const kindError = { error: 'Choose the kind of channel.' }
export const createChannelSchema = z.discriminatedUnion('kind', kindSchemas({}), kindError)
export const updateChannelSchema = z.discriminatedUnion('kind', kindSchemas({ channelId }), kindError)
export const channelIdSchema = z.object({ tenant, channelId })
export const setChannelEnabledSchema = z.object({ tenant, channelId, enabled: z.boolean() })

export type ChannelInput = z.output<typeof createChannelSchema>
