import 'server-only'
import type { z } from 'zod'
import type { RunListRow } from '@/lib/runs/list'
import type { LiveRun, LiveTargetRun } from '@/lib/runs/live'
import type { RunView } from '@/lib/runs/queries'
import type { ScriptDetail, ScriptRow } from '@/lib/scripts/queries'
import type { TaskDetail, TaskRow } from '@/lib/tasks/queries'
import type { TargetRow } from '@/lib/targets/queries'
import type { runDetail, runSummary, scriptDetail, scriptSummary, target, taskDetail, taskSummary } from './resources'

// The app's rows as /api/v1 shows them (resources.ts): dates as ISO strings, only the
// fields the API documents.

type In<S extends z.ZodType> = z.input<S>

const iso = (d: Date) => d.toISOString()
const isoOrNull = (d: Date | null) => d?.toISOString() ?? null

type TaskCommon = Pick<
  TaskRow,
  'id' | 'name' | 'type' | 'enabled' | 'nextRunAt' | 'lastStatus' | 'lastRunId' | 'createdAt' | 'createdBy'
>

function taskCommon(row: TaskCommon): Omit<In<typeof taskSummary>, 'scripts'> {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    enabled: row.enabled,
    nextRunAt: isoOrNull(row.nextRunAt),
    lastStatus: row.lastStatus as In<typeof taskSummary>['lastStatus'],
    lastRunId: row.lastRunId,
    createdAt: iso(row.createdAt),
    createdBy: row.createdBy,
  }
}

export function taskSummaryView(row: TaskRow): In<typeof taskSummary> {
  return { ...taskCommon(row), scripts: row.scripts }
}

export function taskView(task: TaskDetail): In<typeof taskDetail> {
  return {
    ...taskCommon(task),
    description: task.description,
    cron: task.cron,
    timezone: task.timezone,
    runAt: isoOrNull(task.runAt),
    labels: task.labels,
    targets: task.targets.map((t) => ({ ...t, status: t.status as In<typeof target>['status'] })),
    steps: task.steps.map((step) => {
      if (step.kind === 'confirm') return { kind: step.kind, name: step.name, confirmation: step.confirmation }
      if (step.kind === 'file') return step
      return {
        kind: step.kind,
        script: step.script && { id: step.script.id, name: step.script.name },
        version: step.version,
        parameters: step.parameters.map((p) => ({
          name: p.name,
          type: p.type,
          required: p.required,
          value: p.value,
          fallback: p.fallback,
        })),
        continueOnFailure: step.continueOnFailure,
        hosts: step.hosts,
        runAs: step.runAs,
      }
    }),
    limits: {
      parallelism: task.parallelism,
      timeoutSeconds: task.timeoutSeconds,
      maxFailedCount: task.maxFailedCount,
      maxFailedPercent: task.maxFailedPercent,
    },
    rollout: task.rollout,
  }
}

type Status = In<typeof runSummary>['status']
type By = In<typeof runSummary>['triggeredBy']['type']

export function runSummaryView(row: RunListRow, url: string): In<typeof runSummary> {
  return {
    id: row.id,
    kind: row.kind as In<typeof runSummary>['kind'],
    title: row.title,
    status: row.status as Status,
    taskId: row.taskId,
    taskName: row.taskName,
    rerunOfId: row.rerunOfId,
    triggeredBy: { type: row.triggeredByType as By, label: row.triggeredByLabel },
    createdAt: iso(row.createdAt),
    startedAt: isoOrNull(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
    url,
  }
}

export function runView(run: RunView, live: LiveRun, targetRuns: LiveTargetRun[], url: string): In<typeof runDetail> {
  return {
    id: run.id,
    kind: run.kind as In<typeof runDetail>['kind'],
    status: run.status as Status,
    taskId: run.taskId,
    rerunOfId: run.rerunOfId,
    triggeredBy: { type: run.triggeredByType as By, label: run.triggeredByLabel },
    createdAt: iso(run.createdAt),
    startedAt: isoOrNull(run.startedAt),
    finishedAt: isoOrNull(run.finishedAt),
    url,
    error: run.error,
    steps: run.steps.map(({ kind, label, sha256, parameters }) => ({ kind, label, sha256, parameters })),
    targets: run.targets.map((t) => ({ id: t.id, name: t.name, address: t.address })),
    limits: run.limits,
    targetRuns: targetRuns.map((t) => ({
      id: t.id,
      stepIndex: t.stepIndex,
      batch: t.batch,
      targetId: t.targetId,
      targetName: t.targetName,
      status: t.status,
      exitCode: t.exitCode,
      error: t.error,
      stdoutBytes: t.stdoutBytes,
      stderrBytes: t.stderrBytes,
      startedAt: t.startedAt,
      finishedAt: t.finishedAt,
    })),
    rollout: run.rollout,
    gates: live.gates,
  }
}

export function scriptSummaryView(row: ScriptRow): In<typeof scriptSummary> {
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    description: row.description,
    latestVersion: row.latestVersion,
    updatedAt: iso(row.updatedAt),
    createdBy: row.createdBy,
  }
}

export function scriptView(script: ScriptDetail): In<typeof scriptDetail> {
  const { current } = script
  return {
    ...scriptSummaryView(script),
    createdAt: iso(script.createdAt),
    current: {
      version: current.version,
      sha256: current.sha256,
      content: current.content,
      message: current.message,
      createdAt: iso(current.createdAt),
      parameters: current.parameters,
    },
  }
}

export function targetView(row: TargetRow): In<typeof target> {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    username: row.username,
    labels: row.labels,
    proxy: row.proxy,
    resourcePool: row.resourcePool,
    region: row.region,
    encoding: row.encoding,
    description: row.description,
    status: row.status as In<typeof target>['status'],
    statusMessage: row.statusMessage,
    lastCheckedAt: isoOrNull(row.lastCheckedAt),
    hostKeyFingerprint: row.hostKeyFingerprint,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  }
}
