'use client'
import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

/**
 * Re-renders the page from the server while `active` and the page is visible: lists whose
 * rows are live (run lists every second; the tenant home, which reads a month of
 * aggregates, every few seconds). The render that finds nothing live stops it.
 */
export function LiveRefresh({ active, everyMs = 1000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter()
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh()
    }, everyMs)
    return () => clearInterval(timer)
  }, [active, everyMs, router])
  return null
}
