import 'server-only'
import { pageArgs } from '@/components/data-table/search-params'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db, type Prisma } from '@/lib/db'
import type { RunListState } from './list-params'
import { formatDuration } from './statuses'

const dayMs = 86_400_000

/** Which runs a list shows: the tenant's all, one task's, or every run that executed one script. */
export interface RunListScope {
  taskId?: string
  scriptId?: string
  /** Only runs queued by this instant: an API cursor's fixed view while new runs arrive. */
  until?: Date
}

/**
 * The run lists (PRODUCT.md §4): one page of the tenant's runs, narrowed to a task or a
 * script, searched, filtered and sorted as the URL says. Scope first, tenantId in every where.
 */
export async function listRuns(scope: Pick<Scope, 'tenantId'>, list: RunListScope, state: RunListState) {
  const { tenantId } = scope
  const where: Prisma.RunWhereInput = {
    tenantId,
    ...(list.taskId !== undefined ? { taskId: list.taskId } : {}),
    // Through RunScript, so a task run whose steps ran the script counts as one of its runs.
    ...(list.scriptId !== undefined ? { scripts: { some: { scriptId: list.scriptId, tenantId } } } : {}),
    ...(state.q
      ? { OR: [{ id: contains(state.q) }, { title: contains(state.q) }, { triggeredByLabel: contains(state.q) }] }
      : {}),
    ...(state.status ? { status: state.status } : {}),
    ...(state.by ? { triggeredByType: state.by } : {}),
    createdAt: {
      ...(state.from ? { gte: state.from } : {}),
      // "to" is a UTC day: include all of it.
      ...(state.to ? { lt: new Date(state.to.getTime() + dayMs) } : {}),
      ...(list.until ? { lte: list.until } : {}),
    },
  }
  const [rows, total] = await Promise.all([
    db.run.findMany({
      where,
      // Runs still queued have no start or end yet: they sort after the ones that have.
      orderBy: [
        state.sort === 'createdAt' ? { createdAt: state.dir } : { [state.sort]: { sort: state.dir, nulls: 'last' } },
        { createdAt: 'desc' },
        { id: 'asc' },
      ],
      ...pageArgs(state),
      select: {
        id: true,
        kind: true,
        taskId: true,
        title: true,
        status: true,
        rerunOfId: true,
        createdAt: true,
        startedAt: true,
        finishedAt: true,
        triggeredByType: true,
        triggeredByLabel: true,
      },
    }),
    db.run.count({ where }),
  ])

  const taskIds = [...new Set(rows.flatMap((r) => (r.taskId ? [r.taskId] : [])))]
  const tasks = taskIds.length
    ? await db.task.findMany({ where: { tenantId, id: { in: taskIds } }, select: { id: true, name: true } })
    : []
  const taskNames = new Map(tasks.map((t) => [t.id, t.name]))
  const now = new Date()
  return {
    rows: rows.map((r) => ({
      ...r,
      /** The task's name now; null for an ad hoc run or a task deleted since. */
      taskName: r.taskId ? (taskNames.get(r.taskId) ?? null) : null,
      // Worked out here, on the server: a live run's grows, and the browser's clock would disagree.
      duration: formatDuration(r.startedAt, r.finishedAt, now),
    })),
    total,
  }
}

export type RunListRow = Awaited<ReturnType<typeof listRuns>>['rows'][number]
