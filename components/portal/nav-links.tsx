'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { cn } from '@/lib/utils'

export interface NavItem {
  href: string
  label: string
  /** Only this exact path marks the item current (for section home pages). */
  exact?: boolean
}

export function NavLinks({ items, label = 'Sections' }: { items: NavItem[]; label?: string }) {
  const pathname = usePathname()
  return (
    <nav aria-label={label} className="flex gap-1">
      {items.map((item) => {
        const current = item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`)
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? 'page' : undefined}
            className={cn(
              '-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring',
              current ? 'border-primary font-medium text-foreground' : 'border-transparent',
            )}
          >
            {item.label}
          </Link>
        )
      })}
    </nav>
  )
}
