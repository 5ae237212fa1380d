import { z } from 'zod'
import { nameField, printableText, textField } from '@/lib/printable'

export const credentialTypes = ['platform_key', 'private_key', 'password'] as const
export type CredentialType = (typeof credentialTypes)[number]
export const credentialTypeLabels: Record<CredentialType, string> = {
  platform_key: "Tenant's platform key",
  private_key: 'Uploaded private key',
  password: 'Password',
}

export const endpointStatuses = [
  'unknown',
  'online',
  'unreachable',
  'timeout',
  'auth_failed',
  'host_key_mismatch',
  'proxy_failed',
] as const
export type EndpointStatus = (typeof endpointStatuses)[number]
export const statusLabels: Record<EndpointStatus, string> = {
  unknown: 'Unknown',
  online: 'Online',
  unreachable: 'Unreachable',
  timeout: 'Timed out',
  auth_failed: 'Auth failed',
  host_key_mismatch: 'Host key mismatch',
  proxy_failed: 'Proxy failed',
}

export const encodings = ['utf-8', 'gbk', 'gb18030', 'big5', 'shift_jis', 'euc-kr', 'latin1', 'windows-1252'] as const

const name = nameField().regex(/^[^\s/]+$/, 'No spaces or slashes.')
// A DNS name, IPv4 or IPv6 address: letters, digits and . - : only, so nothing can smuggle options.
const host = z
  .string()
  .trim()
  .min(1, 'Enter a host name or address.')
  .max(253, 'At most 253 characters.')
  .regex(/^[A-Za-z0-9.:-]+$/, 'Use a host name or an IP address.')
  .refine((h) => !h.startsWith('-'), 'Use a host name or an IP address.')
const port = z.coerce
  .number({ error: 'Enter a port number.' })
  .int('Enter a whole number.')
  .min(1, 'Ports run from 1 to 65535.')
  .max(65535, 'Ports run from 1 to 65535.')
const username = z
  .string()
  .trim()
  .min(1, 'Enter the SSH user name.')
  .max(64, 'At most 64 characters.')
  .regex(/^[A-Za-z0-9._][A-Za-z0-9._@-]*$/, 'Letters, digits and . _ - @ only.')
const optionalId = z
  .string()
  .optional()
  .transform((v) => v || null)

/**
 * Credential fields as the form sends them. Secret fields left empty on an edit keep what
 * is stored; the server never sends stored secrets back.
 */
const credential = {
  credentialType: z.enum(credentialTypes, 'Choose how Fanout signs in.'),
  privateKey: z.string().max(20_000, 'That is too long for a private key.').optional().default(''),
  passphrase: z.string().max(1_000).optional().default(''),
  password: z.string().max(1_000).optional().default(''),
}

const endpointFields = {
  tenant: z.string().min(1),
  name,
  host,
  port,
  username,
  ...credential,
}

export const labelsField = z
  .string()
  .optional()
  .default('')
  .transform((s) => [
    ...new Set(
      s
        .split(/[\s,]+/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(
        z
          .string()
          .max(64, 'Labels are at most 64 characters.')
          .regex(/^[A-Za-z0-9._:-]+$/, 'Labels use letters, digits and . _ : - only.'),
      )
      .max(50, 'At most 50 labels.'),
  )

export const targetSchema = z.object({
  ...endpointFields,
  proxyId: optionalId,
  labels: labelsField,
  resourcePool: printableText(100)
    .optional()
    .transform((v) => v || null),
  region: printableText(100)
    .optional()
    .transform((v) => v || null),
  encoding: z.enum(encodings, 'Choose an encoding.').default('utf-8'),
  description: textField(1000).optional().default(''),
})
export type TargetInput = z.infer<typeof targetSchema>

export const updateTargetSchema = targetSchema.extend({ id: z.string().min(1) })

export const proxySchema = z.object({ ...endpointFields, viaProxyId: optionalId })
export type ProxyInput = z.infer<typeof proxySchema>
export const updateProxySchema = proxySchema.extend({ id: z.string().min(1) })

export const idsSchema = z.object({ tenant: z.string().min(1), ids: z.array(z.string().min(1)).min(1).max(500) })
export const idSchema = z.object({ tenant: z.string().min(1), id: z.string().min(1) })
