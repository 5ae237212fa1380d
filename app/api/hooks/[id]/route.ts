import { receiveHook } from '@/lib/webhooks/receive'

export const dynamic = 'force-dynamic'

/** The signed webhook trigger of a task (README "Webhooks"). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return receiveHook(request, (await params).id)
}
