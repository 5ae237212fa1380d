import 'server-only'
import { pageArgs, type SortDir } from '@/components/data-table/search-params'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db, type Prisma } from '@/lib/db'
import type { runStatuses } from '@/lib/runs/statuses'

// A task's run history: its Runs tab, newest first. Scope first, tenantId in every where.

export interface TaskRunQuery {
  page: number
  perPage: number
  sort: 'createdAt' | 'startedAt' | 'finishedAt'
  dir: SortDir
  /** Part of a run id. */
  q: string
  status: (typeof runStatuses)[number] | null
}

export async function listTaskRuns(scope: Pick<Scope, 'tenantId'>, taskId: string, state: TaskRunQuery) {
  const where: Prisma.RunWhereInput = {
    tenantId: scope.tenantId,
    taskId,
    ...(state.q ? { id: contains(state.q) } : {}),
    ...(state.status ? { status: state.status } : {}),
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
        status: true,
        createdAt: true,
        startedAt: true,
        finishedAt: true,
        triggeredByType: true,
        triggeredByLabel: true,
      },
    }),
    db.run.count({ where }),
  ])
  return { rows, total }
}

export type TaskRunRow = Awaited<ReturnType<typeof listTaskRuns>>['rows'][number]
