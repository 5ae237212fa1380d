import { AppHeader } from '@/components/portal/app-header'
import { getTenantAccess } from '@/lib/auth/tenant-access'

const sections = [
  ['scripts', 'Scripts'],
  ['targets', 'Targets'],
  ['proxies', 'Proxies'],
  ['tasks', 'Tasks'],
  ['runs', 'Runs'],
  ['notices', 'Notices'],
  ['settings', 'Settings'],
] as const

export default async function TenantLayout({
  children,
  params,
}: {
  children: React.ReactNode
  params: Promise<{ tenant: string }>
}) {
  const { tenant: slug } = await params
  const { tenant, user } = await getTenantAccess(slug)
  const nav = [
    { href: `/${tenant.slug}`, label: 'Home', exact: true },
    ...sections.map(([path, label]) => ({ href: `/${tenant.slug}/${path}`, label })),
  ]
  return (
    <>
      <AppHeader user={user} currentTenant={tenant} nav={nav} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  )
}
