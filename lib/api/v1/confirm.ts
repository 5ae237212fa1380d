import 'server-only'
import type { z } from 'zod'
import { recordAudit } from '@/lib/audit/record'
import { decideGate } from '@/lib/runs/gates'
import { clientIp } from '@/lib/request-ip'
import type { confirmRunBody } from './requests'
import { runDetail } from './resources'
import { apiError, notFound, reply } from './respond'
import { type ApiContext, tokenActor } from './route'
import { runDetailOf } from './run-detail'

/**
 * Continue or abort the run's waiting confirmation as the token, audited as the run page's
 * is; answers the run as it stands after the decision, 409 when it waits for nothing.
 */
export async function confirmAnswer(context: ApiContext<{ id: string }>, body: z.output<typeof confirmRunBody>) {
  const { caller, params } = context
  const actor = { type: 'token' as const, id: caller.tokenId, label: caller.tokenName }
  const decided = await decideGate(caller.scope, params.id, { ...body, actor })
  if (!decided.ok)
    return decided.error === 'not_found' ? notFound() : apiError(409, 'The run is not waiting for a confirmation.')
  await recordAudit({
    action: 'run.confirm',
    actor: tokenActor(caller),
    tenantId: caller.scope.tenantId,
    target: { type: 'run', id: params.id, label: params.id },
    detail: { decision: body.decision, comment: body.comment || null },
    ip: clientIp(context.request.headers),
  })
  const run = await runDetailOf(context, params.id)
  return run ? reply(runDetail, run) : notFound()
}
