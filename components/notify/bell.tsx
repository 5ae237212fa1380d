import { getTenantAccess } from '@/lib/auth/tenant-access'
import { unreadNoticeCount } from '@/lib/notify/notices'
import { BellButton } from './bell-button'

/** The header's notice bell in a tenant: the count as the page was rendered, kept fresh in the browser. */
export async function Bell({ tenant }: { tenant: string }) {
  const { scope } = await getTenantAccess(tenant)
  return <BellButton tenant={tenant} rendered={await unreadNoticeCount(scope)} />
}
