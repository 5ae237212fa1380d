'use client'
import { PauseIcon, PlayIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { setTaskEnabledAction } from '@/lib/tasks/actions'

/** Start or stop the task's schedule; a stopped task still runs when started by hand. */
export function TaskStateButton({ tenant, taskId, enabled }: { tenant: string; taskId: string; enabled: boolean }) {
  const router = useRouter()
  const state = useAction(setTaskEnabledAction, {
    onSuccess: ({ data }) => {
      toast.success(data?.enabled ? 'Task started' : 'Task stopped: nothing fires until it is started')
      router.refresh()
    },
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not change the task’s state.'),
  })
  return (
    <Button
      variant="outline"
      disabled={state.isPending}
      onClick={() => state.execute({ tenant, id: taskId, enabled: !enabled })}
    >
      {enabled ? <PauseIcon aria-hidden /> : <PlayIcon aria-hidden />} {enabled ? 'Stop' : 'Start'}
    </Button>
  )
}
