'use server'
import { returnValidationErrors } from 'next-safe-action'
import { revalidatePath } from 'next/cache'
import { tenantClient, UserError } from '@/lib/action'
import {
  createDangerRule,
  deleteDangerRule,
  ensureDefaultRules,
  findDangerRule,
  patternTooSlow,
  setDangerRuleEnabled,
  updateDangerRule,
} from './queries'
import { createRuleSchema, deleteRuleSchema, setRuleEnabledSchema, updateRuleSchema } from './schema'

// Dangerous-command rules belong to the tenant's settings: tenant admins change them.

const rulesPath = (slug: string) => `/${slug}/settings/rules`

async function refuseSlowPattern(scope: Parameters<typeof patternTooSlow>[0], pattern: string) {
  const slow = await patternTooSlow(scope, pattern)
  if (slow) returnValidationErrors(createRuleSchema, { pattern: { _errors: [slow] } })
}

async function ruleOrThrow(scope: Parameters<typeof findDangerRule>[0], ruleId: string) {
  const rule = await findDangerRule(scope, ruleId)
  if (!rule) throw new UserError('Not found.')
  return rule
}

export const createDangerRuleAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'danger_rule.create' })
  .inputSchema(createRuleSchema)
  .action(async ({ parsedInput: { tenant, ...fields }, ctx }) => {
    // Seed first, so a tenant's first own rule does not stand in for the defaults.
    await ensureDefaultRules(ctx.scope.tenantId)
    await refuseSlowPattern(ctx.scope, fields.pattern)
    const rule = await createDangerRule(ctx.scope, fields)
    ctx.audit.target(
      { type: 'danger_rule', id: rule.id, label: fields.description },
      { pattern: rule.pattern, action: rule.action },
    )
    revalidatePath(rulesPath(tenant))
    return { id: rule.id }
  })

export const updateDangerRuleAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'danger_rule.update' })
  .inputSchema(updateRuleSchema)
  .action(async ({ parsedInput: { tenant, ruleId, ...fields }, ctx }) => {
    const before = await ruleOrThrow(ctx.scope, ruleId)
    if (fields.pattern !== before.pattern) await refuseSlowPattern(ctx.scope, fields.pattern)
    await updateDangerRule(ctx.scope, ruleId, fields)
    ctx.audit.target(
      { type: 'danger_rule', id: ruleId, label: fields.description },
      {
        from: { pattern: before.pattern, action: before.action, enabled: before.enabled },
        to: { pattern: fields.pattern, action: fields.action, enabled: fields.enabled },
      },
    )
    revalidatePath(rulesPath(tenant))
    return { id: ruleId }
  })

export const setDangerRuleEnabledAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'danger_rule.update' })
  .inputSchema(setRuleEnabledSchema)
  .action(async ({ parsedInput: { tenant, ruleId, enabled }, ctx }) => {
    const rule = await ruleOrThrow(ctx.scope, ruleId)
    await setDangerRuleEnabled(ctx.scope, ruleId, enabled)
    ctx.audit.target({ type: 'danger_rule', id: ruleId, label: rule.description }, { enabled })
    revalidatePath(rulesPath(tenant))
    return { id: ruleId, enabled }
  })

export const deleteDangerRuleAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'danger_rule.delete' })
  .inputSchema(deleteRuleSchema)
  .action(async ({ parsedInput: { tenant, ruleId }, ctx }) => {
    const rule = await ruleOrThrow(ctx.scope, ruleId)
    await deleteDangerRule(ctx.scope, ruleId)
    ctx.audit.target(
      { type: 'danger_rule', id: ruleId, label: rule.description },
      { pattern: rule.pattern, action: rule.action },
    )
    revalidatePath(rulesPath(tenant))
    return { id: ruleId }
  })
