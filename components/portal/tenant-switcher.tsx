'use client'
import { Building2Icon, CheckIcon, ChevronsUpDownIcon, ShieldIcon } from 'lucide-react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'

/** Switching tenant is navigation: every tenant page lives under /<slug>/. */
export function TenantSwitcher({
  tenants,
  current,
  showAdmin,
}: {
  tenants: { slug: string; name: string; disabled: boolean }[]
  current: { slug: string; name: string } | null
  showAdmin: boolean
}) {
  const router = useRouter()
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" aria-label="Switch tenant" className="max-w-64 gap-2">
          {current ? <Building2Icon aria-hidden /> : <ShieldIcon aria-hidden />}
          <span className="truncate">{current ? current.name : 'Administration'}</span>
          <ChevronsUpDownIcon aria-hidden className="opacity-50" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>Tenants</DropdownMenuLabel>
        {tenants.length === 0 && <DropdownMenuItem disabled>No tenants yet</DropdownMenuItem>}
        {tenants.map((t) => (
          <DropdownMenuItem key={t.slug} onSelect={() => router.push(`/${t.slug}`)}>
            <span className="truncate">{t.name}</span>
            {t.disabled && <span className="text-xs text-muted-foreground">disabled</span>}
            {current?.slug === t.slug && <CheckIcon aria-label="current" className="ml-auto" />}
          </DropdownMenuItem>
        ))}
        {showAdmin && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => router.push('/admin')}>
              <ShieldIcon aria-hidden />
              Administration
            </DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
