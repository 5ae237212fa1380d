import { z } from 'zod'

// Every environment variable Fanout reads (README "Configuration" lists them too).
// Validated when the server boots, so a bad value stops it with a clear message.

/** all: pages and the engine; web: pages and the API only; worker: the engine, scheduler and deliveries only. */
export const serverRoles = ['all', 'web', 'worker'] as const
export type ServerRole = (typeof serverRoles)[number]

const masterKeyText = /^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/
const masterKeyMessage = 'must be 32 bytes as 64 hex characters or base64'

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgresql://')
    .optional(),
  FANOUT_DATA_DIR: z.string().min(1).optional(),
  FANOUT_MASTER_KEY: z.string().regex(masterKeyText, masterKeyMessage).optional(),
  // Old master keys during a rotation (README "Operations"); the message names a key by position only.
  FANOUT_PREVIOUS_MASTER_KEYS: z
    .string()
    .superRefine((list, ctx) => {
      const keys = list
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
      keys.forEach((key, i) => {
        if (!masterKeyText.test(key)) {
          ctx.addIssue({
            code: 'custom',
            message: `key ${i + 1} of ${keys.length} ${masterKeyMessage} (comma-separated)`,
          })
        }
      })
    })
    .optional(),
  FANOUT_ADMIN_EMAIL: z.email('must be an email address').optional(),
  FANOUT_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  FANOUT_ADMIN_NAME: z.string().min(1).optional(),
  FANOUT_HOST: z.string().min(1).optional(),
  FANOUT_TARGET_CHECK_INTERVAL: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be 0 (off) or more seconds')
    .default(600),
  FANOUT_RUN_LEASE: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int()
    .min(5, 'must be at least 5 seconds')
    .default(30),
  FANOUT_MAX_SSH: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be at least 1').default(200),
  FANOUT_OUTPUT_CAP: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int()
    .min(1024, 'must be at least 1024 bytes')
    .default(10 * 1024 * 1024),
  FANOUT_SCHEDULER_SYNC: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1 second')
    .default(3),
  FANOUT_ROLE: z.enum(serverRoles, { error: 'must be all, web or worker' }).default('all'),
  FANOUT_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  NEXTAUTH_URL: z.url('must be the public URL, e.g. https://fanout.example.com').optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
})

export type Config = z.infer<typeof schema>

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const result = schema.safeParse(present)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return result.data
}
