// THE permission matrix: actions, route handlers and the UI all ask `can`.
// Unknown roles or permissions mean no.

export const tenantRoles = ['admin', 'operator', 'viewer'] as const
export type TenantRole = (typeof tenantRoles)[number]

export const roleLabels: Record<TenantRole, string> = {
  admin: 'Tenant admin',
  operator: 'Operator',
  viewer: 'Viewer',
}

const viewer = [
  'tenant.read',
  'members.read',
  'scripts.read',
  'targets.read',
  'tasks.read',
  'runs.read',
  'notices.read',
] as const

const operator = [...viewer, 'runs.start', 'runs.cancel', 'targets.check'] as const

const admin = [
  ...operator,
  'members.manage',
  'scripts.write',
  'targets.write',
  'tasks.write',
  'settings.manage',
  'audit.read',
] as const

export type TenantPermission = (typeof admin)[number]

const matrix: Record<TenantRole, ReadonlySet<TenantPermission>> = {
  viewer: new Set(viewer),
  operator: new Set(operator),
  admin: new Set(admin),
}

/** Platform-level permissions belong to system admins only. */
export const platformPermissions = ['platform.tenants', 'platform.users', 'platform.audit'] as const
export type PlatformPermission = (typeof platformPermissions)[number]
export type Permission = TenantPermission | PlatformPermission

/** A system admin may act in every tenant as its admin. */
export type EffectiveRole = TenantRole | 'system_admin'

export function can(role: EffectiveRole | null | undefined, permission: Permission): boolean {
  if (!role) return false
  if (role === 'system_admin') return true
  return (matrix[role] as ReadonlySet<string> | undefined)?.has(permission) ?? false
}

export function isTenantRole(value: unknown): value is TenantRole {
  return typeof value === 'string' && (tenantRoles as readonly string[]).includes(value)
}
