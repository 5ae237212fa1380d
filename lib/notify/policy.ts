import { z } from 'zod'
import { tenantRoles } from '@/lib/auth/permissions'

// Who hears about a run's end, and how (PRODUCT.md §7): stored as JSON in Task.notify.
// No server imports: the task form edits it with the same schema.

/** The final statuses a policy can notify on; "failed" and its kin by default. */
export const notifyStatuses = ['failed', 'timed_out', 'interrupted', 'cancelled', 'succeeded'] as const
export type NotifyStatus = (typeof notifyStatuses)[number]

export const notifyPolicySchema = z.object({
  on: z.array(z.enum(notifyStatuses)).default(['failed', 'timed_out', 'interrupted']),
  /** Every member of the tenant with one of these roles gets an in-app notice. */
  roles: z.array(z.enum(tenantRoles)).default(['admin']),
  /** And these members, whatever their role. */
  userIds: z.array(z.string().min(1)).max(200).default([]),
  /** The tenant's channels (NotifyChannel ids) the message is sent through. */
  channelIds: z.array(z.string().min(1)).max(50).default([]),
})

export type NotifyPolicy = z.output<typeof notifyPolicySchema>

/** A task's stored policy; what is missing or unreadable takes the defaults. */
export function parseNotifyPolicy(json: string | null | undefined): NotifyPolicy {
  let value: unknown = {}
  try {
    value = JSON.parse(json || '{}')
  } catch {
    value = {}
  }
  const parsed = notifyPolicySchema.safeParse(value)
  return parsed.success ? parsed.data : notifyPolicySchema.parse({})
}
