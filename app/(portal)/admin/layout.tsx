import { AppHeader } from '@/components/portal/app-header'
import { requireSystemAdmin } from '@/lib/auth/session'

const nav = [
  { href: '/admin', label: 'Tenants', exact: true },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/audit', label: 'Audit log' },
]

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSystemAdmin()
  return (
    <>
      <AppHeader user={user} currentTenant={null} nav={nav} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  )
}
