import 'server-only'
import { pageArgs } from '@/components/data-table/search-params'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db, type Prisma } from '@/lib/db'
import { SECRET_MASK } from '@/lib/runs/queries'
import { parseStoredParameters } from '@/lib/scripts/parameters'
import type { StepHosts } from '@/lib/engine/snapshot'
import { parseRollout } from '@/lib/engine/rollout'
import { readConfirmStep } from './safety-columns'
import type { TaskType } from './schema'
import type { TaskTableState } from './table'

// Every function takes the scope first and keeps scope.tenantId in every where. Reads never
// return a secret parameter value: only whether one is stored.

const person = { select: { id: true, name: true } } as const

export async function listTasks(scope: Pick<Scope, 'tenantId'>, state: TaskTableState) {
  const where: Prisma.TaskWhereInput = {
    tenantId: scope.tenantId,
    ...(state.q ? { name: contains(state.q) } : {}),
    ...(state.type ? { type: state.type } : {}),
    ...(state.state ? { enabled: state.state === 'enabled' } : {}),
    ...(state.last ? { lastStatus: state.last } : {}),
  }
  const [rows, total] = await Promise.all([
    db.task.findMany({
      where,
      // Tasks that never fire (manual, done) sort after the ones that do.
      orderBy: [
        state.sort === 'nextRunAt' ? { nextRunAt: { sort: state.dir, nulls: 'last' } } : { [state.sort]: state.dir },
        { id: 'asc' },
      ],
      ...pageArgs(state),
      select: {
        id: true,
        name: true,
        type: true,
        timezone: true,
        enabled: true,
        nextRunAt: true,
        lastStatus: true,
        lastRunId: true,
        createdAt: true,
        createdBy: person,
        steps: {
          orderBy: { position: 'asc' },
          select: { kind: true, script: { select: { id: true, name: true } } },
        },
      },
    }),
    db.task.count({ where }),
  ])
  return {
    rows: rows.map(({ steps, ...r }) => ({
      ...r,
      type: r.type as TaskType,
      scripts: steps.flatMap((s) => (s.script ? [s.script] : [])),
      files: steps.filter((s) => s.kind === 'file').length,
      confirmations: steps.filter((s) => s.kind === 'confirm').length,
    })),
    total,
  }
}

export type TaskRow = Awaited<ReturnType<typeof listTasks>>['rows'][number]

/** A task with its steps and rollout as the detail page, the edit form and the API show them (secrets masked). */
export async function getTask(scope: Pick<Scope, 'tenantId'>, id: string) {
  const task = await db.task.findFirst({
    where: { id, tenantId: scope.tenantId },
    include: {
      createdBy: person,
      steps: {
        orderBy: { position: 'asc' },
        include: { script: { select: { id: true, name: true, latestVersion: true } } },
      },
      targets: { select: { target: { select: { id: true, name: true, host: true, port: true, status: true } } } },
    },
  })
  if (!task) return null
  const fileIds = task.steps.flatMap((s) => (s.kind === 'file' ? (JSON.parse(s.files) as string[]) : []))
  const files = await db.storedFile.findMany({
    where: { tenantId: scope.tenantId, id: { in: fileIds } },
    select: { id: true, name: true, size: true },
  })
  const steps = await Promise.all(task.steps.map((s) => stepView(scope, s, files)))
  return {
    ...task,
    type: task.type as TaskType,
    labels: JSON.parse(task.labels) as string[],
    rollout: parseRollout(task.rollout),
    targets: task.targets.map((t) => t.target).sort((a, b) => a.name.localeCompare(b.name)),
    steps,
  }
}

export type TaskDetail = NonNullable<Awaited<ReturnType<typeof getTask>>>
export type TaskStepView = TaskDetail['steps'][number]

type StepRow = Prisma.TaskStepGetPayload<{
  include: { script: { select: { id: true; name: true; latestVersion: true } } }
}>

async function stepView(
  scope: Pick<Scope, 'tenantId'>,
  step: StepRow,
  files: { id: string; name: string; size: number }[],
) {
  if (step.kind === 'confirm') {
    const { name, confirmation } = readConfirmStep(step.confirm)
    return { id: step.id, position: step.position, kind: 'confirm' as const, name, confirmation }
  }
  const common = {
    id: step.id,
    position: step.position,
    continueOnFailure: step.continueOnFailure,
    hosts: step.hosts as StepHosts,
  }
  if (step.kind === 'file') {
    const ids = JSON.parse(step.files) as string[]
    return {
      ...common,
      kind: 'file' as const,
      files: ids.map((id) => files.find((f) => f.id === id) ?? { id, name: '(deleted file)', size: 0 }),
      remoteDir: step.remoteDir ?? '',
      mode: step.mode ?? '0644',
    }
  }
  const version = await db.scriptVersion.findFirst({
    where: {
      tenantId: scope.tenantId,
      scriptId: step.scriptId!,
      ...(step.scriptVersion ? { version: step.scriptVersion } : {}),
    },
    orderBy: { version: 'desc' },
    select: { parameters: true },
  })
  const declared = version ? parseStoredParameters(version.parameters) : []
  const values = JSON.parse(step.parameters) as Record<string, string>
  return {
    ...common,
    kind: 'script' as const,
    script: step.script,
    version: step.scriptVersion,
    runAs: step.runAs,
    parameters: declared.map((p) => ({
      name: p.name,
      type: p.type,
      required: p.required,
      options: p.options,
      description: p.description,
      value: p.type === 'secret' ? (values[p.name] ? SECRET_MASK : '') : (values[p.name] ?? ''),
      /** What applies when the task leaves it empty. */
      fallback: p.type === 'secret' ? (p.default ? SECRET_MASK : '') : (p.default ?? ''),
    })),
  }
}

export async function deleteTask(scope: Pick<Scope, 'tenantId'>, id: string) {
  const { count } = await db.task.deleteMany({ where: { id, tenantId: scope.tenantId } })
  return count === 1
}

export async function setTaskEnabled(scope: Pick<Scope, 'tenantId'>, id: string, enabled: boolean) {
  const { count } = await db.task.updateMany({ where: { id, tenantId: scope.tenantId }, data: { enabled } })
  return count === 1
}

export function findTaskByName(scope: Pick<Scope, 'tenantId'>, name: string) {
  return db.task.findFirst({ where: { tenantId: scope.tenantId, name }, select: { id: true } })
}
