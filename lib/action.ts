import 'server-only'
import { randomUUID } from 'node:crypto'
import { headers } from 'next/headers'
import { createSafeActionClient, returnServerError } from 'next-safe-action'
import { z } from 'zod'
import { type AuditTarget, recordAudit } from '@/lib/audit/record'
import { can, type Permission, platformPermissions } from '@/lib/auth/permissions'
import { getSessionUser } from '@/lib/auth/session'
import { resolveTenantAccess } from '@/lib/auth/tenant-access'
import { clientIp } from '@/lib/request-ip'
import { UserError } from '@/lib/user-error'

/**
 * THE server-action chain (ARCHITECTURE.md decision 1):
 *   actionClient  error mapping: only UserError messages reach the browser
 *   authClient    session → ctx.user, platform permission from metadata
 *   tenantClient  input.tenant (slug) → membership → ctx.tenant, ctx.role, ctx.scope,
 *                 tenant permission from metadata
 * Each action names its permission and audit action in metadata; the chain checks the
 * permission before the handler runs and records the audit event after it succeeds.
 */

export { UserError }

const metadataSchema = z.object({
  permission: z.string().optional(),
  /** The audit action, e.g. "tenant.create". Omit for read-only actions. */
  audit: z.string().optional(),
})
type Metadata = z.infer<typeof metadataSchema> & { permission?: Permission }

export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => metadataSchema,
  defaultValidationErrorsShape: 'flattened',
  handleServerError(error) {
    if (error instanceof UserError) return error.message
    // A unique constraint lost to a concurrent request (the field checks ran first).
    if ((error as { code?: unknown }).code === 'P2002') return 'Something with that name already exists. Pick another.'
    const id = randomUUID().slice(0, 8)
    console.error(`[action ${id}]`, error)
    return `Something went wrong (${id}).`
  },
})

const notFoundMessage = 'Not found.'

/** Collects what the handler changed so the chain can audit it after success. */
function auditCollector() {
  const entry: { tenantId: string | null; target: AuditTarget | null; detail: Record<string, unknown> | null } = {
    tenantId: null,
    target: null,
    detail: null,
  }
  return {
    /** Names the object the action changed, with non-secret details. */
    target(target: AuditTarget, detail?: Record<string, unknown>) {
      entry.target = target
      entry.detail = detail ?? null
    },
    entry,
  }
}

async function requestIp() {
  return clientIp(await headers())
}

export const authClient = actionClient.use(async ({ next, metadata }) => {
  const user = await getSessionUser()
  if (!user) returnServerError('Your session has ended. Sign in again.')
  const ip = await requestIp()
  const meta = metadata as Metadata
  const isPlatform = (platformPermissions as readonly string[]).includes(meta.permission ?? '')
  if (isPlatform && !can(user.isSystemAdmin ? 'system_admin' : null, meta.permission!)) {
    await recordAudit({
      action: 'auth.denied',
      actor: { type: 'user', id: user.id, label: user.email },
      detail: { permission: meta.permission, action: meta.audit },
      ip,
    })
    // Platform areas are invisible to others, like another tenant's objects.
    returnServerError(notFoundMessage)
  }
  const audit = auditCollector()
  const result = await next({ ctx: { user, ip, audit } })
  if (result.success && meta.audit) {
    await recordAudit({
      action: meta.audit,
      actor: { type: 'user', id: user.id, label: user.email },
      ...audit.entry,
      ip,
    })
  }
  return result
})

const tenantInput = z.object({ tenant: z.string().min(1) })

export const tenantClient = authClient.use(async ({ next, clientInput, metadata, ctx }) => {
  const meta = metadata as Metadata
  const parsed = tenantInput.safeParse(clientInput)
  const access = parsed.success ? await resolveTenantAccess(ctx.user, parsed.data.tenant) : null
  if (!access) returnServerError(notFoundMessage)
  const actor = { type: 'user' as const, id: ctx.user.id, label: ctx.user.email }
  if (!meta.permission || !can(access.role, meta.permission)) {
    await recordAudit({
      action: 'auth.denied',
      actor,
      tenantId: access.tenant.id,
      detail: { permission: meta.permission, action: meta.audit, role: access.role },
      ip: ctx.ip,
    })
    returnServerError('You do not have permission to do that.')
  }
  ctx.audit.entry.tenantId = access.tenant.id
  return next({ ctx: { tenant: access.tenant, role: access.role, scope: access.scope } })
})

/** Every tenant action's input carries the tenant slug from the URL. */
export const withTenant = <T extends z.ZodRawShape>(shape: T) => z.object({ tenant: z.string().min(1), ...shape })
