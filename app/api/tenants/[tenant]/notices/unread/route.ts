import { tenantRouteAccess } from '@/lib/api/route-access'
import { unreadNoticeCount } from '@/lib/notify/notices'

export const dynamic = 'force-dynamic'

/** The signed-in user's unread notice count in the tenant, { count }: what the header's bell polls. */
export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const checked = await tenantRouteAccess((await params).tenant, 'notices.read')
  if (!checked.ok) return checked.response
  const count = await unreadNoticeCount(checked.access.scope)
  return Response.json({ count }, { headers: { 'Cache-Control': 'no-store' } })
}
