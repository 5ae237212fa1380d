import 'server-only'
import { db } from '@/lib/db'

export type ActorType = 'user' | 'schedule' | 'token' | 'webhook' | 'system' | 'anonymous'

export interface Actor {
  type: ActorType
  id?: string | null
  label?: string | null
}

export interface AuditTarget {
  type: string
  id?: string | null
  label?: string | null
}

export interface AuditEntry {
  action: string
  actor: Actor
  tenantId?: string | null
  target?: AuditTarget | null
  /** Non-secret details only: never a password, key or token. */
  detail?: Record<string, unknown> | null
  ip?: string | null
}

/** Appends one audit event. Audit is part of the change it records: callers await it. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: entry.action,
      actorType: entry.actor.type,
      actorId: entry.actor.id ?? null,
      actorLabel: entry.actor.label ?? null,
      tenantId: entry.tenantId ?? null,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      targetLabel: entry.target?.label ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip: entry.ip ?? null,
    },
  })
}
