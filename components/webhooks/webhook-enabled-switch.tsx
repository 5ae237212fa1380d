'use client'
import { useAction } from 'next-safe-action/hooks'
import { toast } from 'sonner'
import { Checkbox } from '@/components/ui/checkbox'
import { setWebhookEnabledAction } from '@/lib/webhooks/actions'
import type { WebhookRow } from '@/lib/webhooks/queries'

export function WebhookEnabledSwitch({ tenant, webhook, name }: { tenant: string; webhook: WebhookRow; name: string }) {
  const toggle = useAction(setWebhookEnabledAction, {
    onSuccess: ({ data }) => toast.success(data?.enabled ? 'Webhook enabled' : 'Webhook disabled'),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not change the webhook.'),
  })
  // Optimistic: the box follows the click; the page's refreshed data confirms it.
  const checked = toggle.isPending && toggle.input ? toggle.input.enabled : webhook.enabled
  return (
    <Checkbox
      checked={checked}
      disabled={toggle.isPending}
      aria-label={`Enabled: ${name}`}
      onCheckedChange={(value) => toggle.execute({ tenant, webhookId: webhook.id, enabled: value === true })}
    />
  )
}
