'use client'
import { CheckCheckIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { markAllNoticesReadAction } from '@/lib/notify/notice-actions'

/** Marks every unread notice of the user in this tenant read. */
export function NoticesMarkAllButton({ tenant, unread }: { tenant: string; unread: number }) {
  const router = useRouter()
  const all = useAction(markAllNoticesReadAction, {
    onSuccess: ({ data }) => {
      toast.success(data?.count === 1 ? '1 notice marked read' : `${data?.count ?? 0} notices marked read`)
      router.refresh()
    },
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not mark the notices read.'),
  })
  return (
    <Button variant="outline" disabled={all.isPending || unread === 0} onClick={() => all.execute({ tenant })}>
      <CheckCheckIcon aria-hidden /> Mark all read
    </Button>
  )
}
