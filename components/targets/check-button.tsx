'use client'
import { PlugZapIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { checkTargetsAction } from '@/lib/targets/actions'
import { checkProxiesAction } from '@/lib/targets/proxy-actions'
import { statusLabels, type EndpointStatus } from '@/lib/targets/schema'

/** Tests the connection to one or many targets (or proxies) now; statuses update in place. */
export function CheckButton({
  tenant,
  kind,
  ids,
  label = 'Test connection',
  size = 'sm',
  variant = 'outline',
}: {
  tenant: string
  kind: 'target' | 'proxy'
  ids: string[]
  label?: string
  size?: 'sm' | 'default'
  variant?: 'outline' | 'ghost' | 'default'
}) {
  const action = useAction(kind === 'target' ? checkTargetsAction : checkProxiesAction, {
    onSuccess: ({ data }) => {
      if (!data) return
      if (data.length === 1) {
        const [r] = data
        const text = statusLabels[r.status as EndpointStatus]
        if (r.status === 'online') toast.success(`Online`)
        else toast.error(`${text}: ${r.message ?? ''}`)
      } else {
        const online = data.filter((r) => r.status === 'online').length
        toast.info(`${online} of ${data.length} online`)
      }
    },
    onError: ({ error }) => toast.error(error.serverError ?? 'The check failed.'),
  })
  return (
    <Button
      type="button"
      size={size}
      variant={variant}
      disabled={action.isPending || ids.length === 0}
      onClick={() => action.execute({ tenant, ids })}
    >
      <PlugZapIcon aria-hidden />
      {action.isPending ? 'Testing…' : label}
    </Button>
  )
}
