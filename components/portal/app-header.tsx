import Link from 'next/link'
import { Bell } from '@/components/notify/bell'
import { ThemeToggle } from '@/components/theme-toggle'
import type { SessionUser } from '@/lib/auth/session'
import { listAccessibleTenants } from '@/lib/auth/tenant-access'
import { NavLinks, type NavItem } from './nav-links'
import { TenantSwitcher } from './tenant-switcher'
import { UserMenu } from './user-menu'

/** The header of every portal page: brand, tenant switcher, section nav, notice bell (in a tenant), user menu. */
export async function AppHeader({
  user,
  currentTenant,
  nav,
}: {
  user: SessionUser
  currentTenant: { slug: string; name: string } | null
  nav: NavItem[]
}) {
  const tenants = await listAccessibleTenants(user)
  return (
    <header className="sticky top-0 z-30 border-b bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4">
        <Link href="/" className="font-semibold tracking-tight">
          Fanout
        </Link>
        <TenantSwitcher tenants={tenants} current={currentTenant} showAdmin={user.isSystemAdmin} />
        <div className="ml-auto flex items-center gap-2">
          {currentTenant && <Bell tenant={currentTenant.slug} />}
          <ThemeToggle />
          <UserMenu name={user.name} email={user.email} />
        </div>
      </div>
      <div className="mx-auto max-w-7xl overflow-x-auto px-4">
        <NavLinks items={nav} />
      </div>
    </header>
  )
}
