'use client'
import { BellIcon } from 'lucide-react'
import Link from 'next/link'
import { useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'

const POLL_MS = 10_000

/**
 * A link to the notices page with the unread count, polled from the server every ten seconds
 * (while the page is visible) and whenever the window regains focus. A server render (a
 * navigation, or router.refresh after marking read) brings a newer count with it.
 */
export function BellButton({ tenant, rendered }: { tenant: string; rendered: number }) {
  const [count, setCount] = useState(rendered)
  const [lastRendered, setLastRendered] = useState(rendered)
  if (rendered !== lastRendered) {
    setLastRendered(rendered)
    setCount(rendered)
  }

  useEffect(() => {
    let cancelled = false
    async function poll() {
      if (document.visibilityState === 'hidden') return
      try {
        const res = await fetch(`/api/tenants/${encodeURIComponent(tenant)}/notices/unread`, { cache: 'no-store' })
        if (res.ok && !cancelled) setCount(((await res.json()) as { count: number }).count)
      } catch {
        // Offline or the server restarting: keep the last count until the next poll answers.
      }
    }
    const timer = setInterval(poll, POLL_MS)
    window.addEventListener('focus', poll)
    document.addEventListener('visibilitychange', poll)
    return () => {
      cancelled = true
      clearInterval(timer)
      window.removeEventListener('focus', poll)
      document.removeEventListener('visibilitychange', poll)
    }
  }, [tenant])

  const label = count === 0 ? 'Notices: none unread' : `Notices: ${count} unread`
  return (
    <Button asChild variant="ghost" size="icon" className="relative">
      <Link href={`/${tenant}/notices`} aria-label={label} title={label}>
        <BellIcon aria-hidden />
        {count > 0 && (
          <span
            aria-hidden
            data-testid="unread-notices"
            className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] leading-none font-semibold text-white tabular-nums"
          >
            {count > 99 ? '99+' : count}
          </span>
        )}
      </Link>
    </Button>
  )
}
