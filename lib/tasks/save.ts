import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { encryptSecret } from '@/lib/crypto/envelope'
import { db } from '@/lib/db'
import { bindParameters } from '@/lib/runs/parameters'
import { parseStoredParameters } from '@/lib/scripts/parameters'
import { confirmStepJson, rolloutJson } from './safety-columns'
import { nextFires, zonedToInstant } from './schedule'
import type { TaskInput } from './schema'

export type SaveResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> }

type Fields = Omit<TaskInput, 'tenant'>

/**
 * Checks a task's steps and targets against what exists now and returns the rows to store.
 * Script parameters are checked against the version the step runs (latest: the current
 * one); a secret typed now is encrypted, an empty one keeps the value the same step stored
 * before (same position and script). Errors are keyed by form path.
 */
async function prepare(scope: Pick<Scope, 'tenantId'>, input: Fields, taskId?: string) {
  const errors: Record<string, string> = {}
  const previous = taskId
    ? await db.taskStep.findMany({ where: { taskId, tenantId: scope.tenantId }, orderBy: { position: 'asc' } })
    : []
  const accounts = await tenantAccountNames(scope, input.steps)
  const steps = []
  for (const [i, step] of input.steps.entries()) {
    if (step.kind === 'confirm') {
      Object.assign(errors, await checkRecipients(scope, step.confirmation, `steps.${i}.confirmation`))
      steps.push({ position: i, kind: 'confirm', confirm: confirmStepJson(step.name, step.confirmation) })
      continue
    }
    if (step.kind === 'file') {
      const found = await db.storedFile.count({ where: { tenantId: scope.tenantId, id: { in: step.fileIds } } })
      if (found !== new Set(step.fileIds).size) errors[`steps.${i}.fileIds`] = 'Upload the files again.'
      steps.push({
        position: i,
        kind: 'file',
        files: JSON.stringify(step.fileIds),
        remoteDir: step.remoteDir,
        mode: step.mode.padStart(4, '0'),
        continueOnFailure: step.continueOnFailure,
        hosts: step.hosts,
      })
      continue
    }
    if (step.runAs !== null && !accounts.has(step.runAs))
      errors[`steps.${i}.runAs`] = 'Choose one of the execution accounts in Settings → Execution accounts.'
    const version = await db.scriptVersion.findFirst({
      where: {
        tenantId: scope.tenantId,
        scriptId: step.scriptId,
        ...(step.version === null ? {} : { version: step.version }),
      },
      orderBy: { version: 'desc' },
      select: { parameters: true },
    })
    if (!version) {
      errors[`steps.${i}.scriptId`] = step.version === null ? 'Choose a script.' : 'This version does not exist.'
      continue
    }
    const declared = parseStoredParameters(version.parameters)
    const before = previous.find((p) => p.position === i && p.scriptId === step.scriptId)
    const stored = before ? (JSON.parse(before.parameters) as Record<string, string>) : {}
    const values: Record<string, string> = {}
    for (const p of declared) {
      const typed = step.parameters[p.name] ?? ''
      if (p.type !== 'secret') values[p.name] = typed
      else if (typed !== '') values[p.name] = encryptSecret(typed)
      else if (stored[p.name]) values[p.name] = stored[p.name]
    }
    const bound = bindParameters(declared, values, true)
    if (!bound.ok) for (const [name, e] of Object.entries(bound.errors)) errors[`steps.${i}.parameters.${name}`] = e
    steps.push({
      position: i,
      kind: 'script',
      scriptId: step.scriptId,
      scriptVersion: step.version,
      parameters: JSON.stringify(values),
      continueOnFailure: step.continueOnFailure,
      hosts: step.hosts,
      runAs: step.runAs,
    })
  }
  const targetIds = [...new Set(input.targetIds)]
  if ((await db.target.count({ where: { tenantId: scope.tenantId, id: { in: targetIds } } })) !== targetIds.length)
    errors.targetIds = 'Some chosen targets no longer exist. Choose again.'
  const same = await db.task.findFirst({ where: { tenantId: scope.tenantId, name: input.name }, select: { id: true } })
  if (same && same.id !== taskId) errors.name = 'Another task has this name.'
  Object.assign(errors, await checkRecipients(scope, input.notify, 'notify'))
  if (input.rollout.mode !== 'off' && input.rollout.between === 'confirm')
    Object.assign(errors, await checkRecipients(scope, input.rollout.confirm, 'rollout.confirm'))
  return { errors, steps, targetIds }
}

/** Which of the accounts the steps run as the tenant has declared. */
async function tenantAccountNames(scope: Pick<Scope, 'tenantId'>, steps: Fields['steps']) {
  const names = steps.flatMap((s) => (s.kind === 'script' && s.runAs !== null ? [s.runAs] : []))
  if (!names.length) return new Set<string>()
  const found = await db.execAccount.findMany({
    where: { tenantId: scope.tenantId, name: { in: names } },
    select: { name: true },
  })
  return new Set(found.map((a) => a.name))
}

/** A notification policy or a confirmation may name only this tenant's members and channels (errors under `path`). */
async function checkRecipients(
  scope: Pick<Scope, 'tenantId'>,
  recipients: { userIds: string[]; channelIds: string[] },
  path: string,
) {
  const errors: Record<string, string> = {}
  const userIds = [...new Set(recipients.userIds)]
  if ((await db.membership.count({ where: { tenantId: scope.tenantId, userId: { in: userIds } } })) !== userIds.length)
    errors[`${path}.userIds`] = 'Some chosen people are not members of this tenant. Choose again.'
  const channelIds = [...new Set(recipients.channelIds)]
  if (
    (await db.notifyChannel.count({ where: { tenantId: scope.tenantId, id: { in: channelIds } } })) !==
    channelIds.length
  )
    errors[`${path}.channelIds`] = 'Some chosen channels no longer exist. Choose again.'
  return errors
}

function scheduleOf(input: Fields) {
  const runAt = input.type === 'once' ? zonedToInstant(input.runAt, input.timezone) : null
  const nextRunAt =
    input.type === 'cron' ? (nextFires(input.cron, input.timezone, 1)[0] ?? null) : input.type === 'once' ? runAt : null
  return {
    type: input.type,
    cron: input.type === 'cron' ? input.cron : null,
    timezone: input.timezone,
    runAt,
    // A one-time task set in the past has nothing to fire: the scheduler's misfire rule decides.
    nextRunAt: input.enabled ? nextRunAt : null,
  }
}

function columns(input: Fields) {
  return {
    name: input.name,
    description: input.description,
    ...scheduleOf(input),
    labels: JSON.stringify([...new Set(input.labels)]),
    parallelism: input.parallelism,
    timeoutSeconds: input.timeoutSeconds,
    maxFailedCount: input.maxFailedCount,
    maxFailedPercent: input.maxFailedPercent,
    overlap: input.overlap,
    misfire: input.misfire,
    notify: JSON.stringify({
      on: [...new Set(input.notify.on)],
      roles: [...new Set(input.notify.roles)],
      userIds: [...new Set(input.notify.userIds)],
      channelIds: [...new Set(input.notify.channelIds)],
    }),
    rollout: rolloutJson(input.rollout),
    enabled: input.enabled,
  }
}

export async function createTask(scope: Scope, input: Fields): Promise<SaveResult> {
  const { errors, steps, targetIds } = await prepare(scope, input)
  if (Object.keys(errors).length) return { ok: false, errors }
  const task = await db.task.create({
    data: {
      tenantId: scope.tenantId,
      createdById: scope.userId,
      ...columns(input),
      steps: { create: steps.map((s) => ({ ...s, tenantId: scope.tenantId })) },
      targets: { create: targetIds.map((targetId) => ({ targetId, tenantId: scope.tenantId })) },
    },
    select: { id: true },
  })
  return { ok: true, id: task.id }
}

export async function updateTask(scope: Scope, id: string, input: Fields): Promise<SaveResult | null> {
  if (!(await db.task.findFirst({ where: { id, tenantId: scope.tenantId }, select: { id: true } }))) return null
  const { errors, steps, targetIds } = await prepare(scope, input, id)
  if (Object.keys(errors).length) return { ok: false, errors }
  await db.$transaction([
    db.taskStep.deleteMany({ where: { taskId: id, tenantId: scope.tenantId } }),
    db.taskTarget.deleteMany({ where: { taskId: id, tenantId: scope.tenantId } }),
    db.task.update({
      where: { id },
      data: {
        ...columns(input),
        steps: { create: steps.map((s) => ({ ...s, tenantId: scope.tenantId })) },
        targets: { create: targetIds.map((targetId) => ({ targetId, tenantId: scope.tenantId })) },
      },
    }),
  ])
  return { ok: true, id }
}
