import { z } from 'zod'
import { nameField } from '@/lib/printable'
import { compilePattern, dangerActions } from './check'

export const dangerActionLabels = { warn: 'Warn', block: 'Block' } as const

export const rulePattern = z
  .string()
  .trim()
  .min(1, 'Enter a regular expression.')
  .max(500, 'At most 500 characters.')
  .superRefine((pattern, ctx) => {
    const compiled = compilePattern(pattern)
    if (!compiled.ok) {
      ctx.addIssue({ code: 'custom', message: `Not a valid regular expression: ${compiled.message}` })
    } else if (compiled.regex.test('')) {
      // It would match every line of every script.
      ctx.addIssue({ code: 'custom', message: 'This pattern matches empty text, so it would match every line.' })
    }
  })

const fields = {
  pattern: rulePattern,
  action: z.enum(dangerActions, 'Choose warn or block.'),
  // Quoted as the rule's name when it blocks or warns about a line.
  description: nameField(200, 'Say what the rule catches.'),
  enabled: z.boolean().default(true),
}

const tenant = z.string().min(1)
const ruleId = z.string().min(1)

export const createRuleSchema = z.object({ tenant, ...fields })
export const updateRuleSchema = z.object({ tenant, ruleId, ...fields })
export const setRuleEnabledSchema = z.object({ tenant, ruleId, enabled: z.boolean() })
export const deleteRuleSchema = z.object({ tenant, ruleId })

export type RuleFields = Omit<z.output<typeof createRuleSchema>, 'tenant'>
