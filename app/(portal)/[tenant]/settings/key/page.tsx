import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/portal/page-header'
import { CopyButton } from '@/components/ui/copy-button'
import { getTenantAccess } from '@/lib/auth/tenant-access'
import { platformKey } from '@/lib/targets/platform-key'

export const metadata: Metadata = { title: 'Platform key' }

export default async function PlatformKeyPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { scope } = await getTenantAccess((await params).tenant)
  const key = await platformKey(scope)
  if (!key) notFound()
  return (
    <>
      <PageHeader
        title="Platform key"
        description="This tenant's own ed25519 key. Targets and proxies set to sign in with it must trust its public half; the private half never leaves Fanout."
      />
      <section className="grid max-w-4xl gap-6">
        <div className="grid gap-2">
          <div className="flex items-center justify-between gap-2">
            <h2 className="font-medium">Public key</h2>
            <CopyButton text={key.publicKey} label="Copy public key" />
          </div>
          <pre data-testid="public-key" className="overflow-x-auto rounded-md border bg-muted/40 p-3 text-xs whitespace-pre-wrap break-all">
            {key.publicKey}
          </pre>
        </div>
        <div className="grid gap-2">
          <div className="flex items-center justify-between gap-2">
            <h2 className="font-medium">Authorise it on a host</h2>
            <CopyButton text={key.command} label="Copy command" />
          </div>
          <p className="text-sm text-muted-foreground">
            Run this as the SSH user Fanout signs in as. It creates ~/.ssh if needed, sets safe permissions and adds
            the key only if it is not there yet. Or open a target and use “Install key with password”.
          </p>
          <pre data-testid="install-command" className="overflow-x-auto rounded-md border bg-muted/40 p-3 text-xs whitespace-pre-wrap break-all">
            {key.command}
          </pre>
        </div>
      </section>
    </>
  )
}
