'use client'
import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

const REFRESH_MS = 1000

/**
 * Re-renders the page from the server every second while `active`. The run page's live
 * stream (Server-Sent Events) replaces this in the run pages issue.
 */
export function LiveRefresh({ active }: { active: boolean }) {
  const router = useRouter()
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => router.refresh(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [active, router])
  return null
}
