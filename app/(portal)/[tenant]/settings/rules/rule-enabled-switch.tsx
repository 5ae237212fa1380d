'use client'
import { useAction } from 'next-safe-action/hooks'
import { toast } from 'sonner'
import { Checkbox } from '@/components/ui/checkbox'
import { setDangerRuleEnabledAction } from '@/lib/danger-rules/actions'
import type { RuleRow } from '@/lib/danger-rules/queries'

export function RuleEnabledSwitch({ tenant, rule }: { tenant: string; rule: RuleRow }) {
  const toggle = useAction(setDangerRuleEnabledAction, {
    onSuccess: ({ data }) => toast.success(data?.enabled ? 'Rule enabled' : 'Rule disabled'),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not change the rule.'),
  })
  // Optimistic: the box follows the click; the page's refreshed data confirms it.
  const checked = toggle.isPending && toggle.input ? toggle.input.enabled : rule.enabled
  return (
    <Checkbox
      checked={checked}
      disabled={toggle.isPending}
      aria-label={`Enabled: ${rule.description}`}
      onCheckedChange={(value) => toggle.execute({ tenant, ruleId: rule.id, enabled: value === true })}
    />
  )
}
