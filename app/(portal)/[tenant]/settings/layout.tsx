import { NavLinks } from '@/components/portal/nav-links'

/** Settings sections of a tenant; each page checks its own permission. */
export default async function SettingsLayout({
  children,
  params,
}: {
  children: React.ReactNode
  params: Promise<{ tenant: string }>
}) {
  const { tenant } = await params
  const base = `/${tenant}/settings`
  return (
    <div className="grid gap-6">
      <div className="border-b">
        <NavLinks
          label="Settings sections"
          items={[
            { href: base, label: 'Members', exact: true },
            { href: `${base}/key`, label: 'Platform key' },
            { href: `${base}/rules`, label: 'Dangerous commands' },
            { href: `${base}/channels`, label: 'Notifications' },
            { href: `${base}/tokens`, label: 'API tokens' },
            { href: `${base}/accounts`, label: 'Execution accounts' },
            { href: `${base}/audit`, label: 'Audit log' },
          ]}
        />
      </div>
      <div>{children}</div>
    </div>
  )
}
