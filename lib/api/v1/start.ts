import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import { publicOrigin } from '@/lib/public-url'
import { runPath } from '@/lib/runs/paths'
import type { QueueResult, Trigger } from '@/lib/runs/queue'
import type { ApiCaller } from '@/lib/api/tokens'
import { clientIp } from '@/lib/request-ip'
import { runStarted } from './resources'
import { apiError, invalid, notFound, reply } from './respond'
import { type ApiContext, tokenActor } from './route'

/** Runs a token starts name it as their starter. */
export const tokenTrigger = (caller: ApiCaller): Trigger => ({
  type: 'token',
  id: caller.tokenId,
  label: caller.tokenName,
})

/** A run's page, as an absolute URL on the host the request came to. */
export function runUrl(context: ApiContext<object>, run: { id: string; taskId: string | null }) {
  return `${publicOrigin(context.request.headers)}${runPath(context.caller.tenantSlug, run)}`
}

/**
 * The answer to a start (a task's run or a script's): 201 with the run's id and page,
 * audited as the token's; or why not, each wrong parameter named by its path
 * (`parameters.0.WHO` for a task's step 0, `parameters.WHO` for a script).
 */
export async function startAnswer(
  context: ApiContext<object>,
  queued: QueueResult,
  run: { taskId: string | null; detail: Record<string, unknown> },
) {
  if (!queued.ok) {
    if ('error' in queued) return queued.error === 'Not found.' ? notFound() : apiError(400, queued.error)
    return invalid([
      ...Object.entries(queued.fields.parameters ?? {}).map(([path, message]) => ({
        field: `parameters.${path}`,
        message,
      })),
      ...(queued.fields.targets ? [{ field: 'targetIds', message: queued.fields.targets }] : []),
    ])
  }
  await recordAudit({
    action: 'run.start',
    actor: tokenActor(context.caller),
    tenantId: context.caller.scope.tenantId,
    target: { type: 'run', id: queued.runId, label: queued.runId },
    detail: { ...run.detail, targets: queued.targets },
    ip: clientIp(context.request.headers),
  })
  return reply(runStarted, { runId: queued.runId, url: runUrl(context, { id: queued.runId, taskId: run.taskId }) }, 201)
}
