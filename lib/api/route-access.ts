import 'server-only'
import { headers } from 'next/headers'
import { recordAudit } from '@/lib/audit/record'
import { db } from '@/lib/db'
import { can, type TenantPermission } from '@/lib/auth/permissions'
import { getSessionUser } from '@/lib/auth/session'
import { resolveTenantAccess, type TenantAccess } from '@/lib/auth/tenant-access'
import { clientIp } from '@/lib/request-ip'

/** A JSON error answer for route handlers: `{ "error": message }`. */
export function apiError(status: number, message: string) {
  return Response.json({ error: message }, { status })
}

/**
 * The route-handler twin of lib/action's tenantClient: the session's access to the tenant
 * with this slug and a permission, or the answer to send instead (401 signed out; 404 for
 * another tenant's or an unknown slug, indistinguishable; 403 for a role without the
 * permission, audited like a refused action).
 */
export async function tenantRouteAccess(
  slug: string,
  permission: TenantPermission,
): Promise<
  { ok: true; access: TenantAccess & { userId: string; userEmail: string } } | { ok: false; response: Response }
> {
  const user = await getSessionUser()
  if (!user) return { ok: false, response: apiError(401, 'Sign in first.') }
  const access = await resolveTenantAccess(user, slug)
  if (!access) return { ok: false, response: apiError(404, 'Not found.') }
  if (!can(access.role, permission)) {
    await recordAudit({
      action: 'auth.denied',
      actor: { type: 'user', id: user.id, label: user.email },
      tenantId: access.tenant.id,
      detail: { permission },
      ip: clientIp(await headers()),
    })
    return { ok: false, response: apiError(403, 'You do not have permission to do that.') }
  }
  return { ok: true, access: { ...access, userId: user.id, userEmail: user.email } }
}

/**
 * tenantRouteAccess for routes addressed by a run id alone (/api/runs/<id>/…): the run's
 * tenant decides. An unknown run and another tenant's answer the same 404.
 */
export async function runRouteAccess(runId: string, permission: TenantPermission) {
  const run = await db.run.findUnique({ where: { id: runId }, select: { tenant: { select: { slug: true } } } })
  return tenantRouteAccess(run?.tenant.slug ?? '', permission)
}
