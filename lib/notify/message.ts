import 'server-only'
import { publicOrigin } from '@/lib/public-url'
import iconv from 'iconv-lite'
import { db } from '@/lib/db'
import { clip, plainText } from '@/lib/notify/channels/format'
import { visibleText } from '@/lib/runs/log-lines'
import { runPath } from '@/lib/runs/paths'
import { statusLabels, type TargetRunStatus } from '@/lib/runs/statuses'

// What a channel says about a finished run, rendered once when it is queued and stored as
// the delivery's payload. Built from statuses and stored output only: parameters (and so
// secret values) never enter it, and stored output is already masked.

export interface FailingHost {
  name: string
  status: string
  statusLabel: string
  exitCode: number | null
  /** Why it failed before or around the script (connection, timeout). */
  error: string | null
  /** The last lines of its stderr, or of its stdout when stderr is empty. */
  lines: string[]
}

export interface RunMessage {
  /** 'test' for a channel's "Send test". */
  kind: 'run' | 'test'
  tenant: string
  /** The task's name, or the steps of an ad hoc run. */
  title: string
  status: string
  statusLabel: string
  /** Absolute URL of the run page (of the channels page for a test). */
  link: string
  runId: string | null
  /** The run's own error (e.g. stopped at a failure threshold). */
  error: string | null
  /** Hosts by their outcome, most frequent first. */
  counts: { status: string; label: string; hosts: number }[]
  hosts: number
  /** The first failing hosts (at most MAX_FAILING); moreFailing counts the rest. */
  failing: FailingHost[]
  moreFailing: number
  finishedAt: string | null
  /** A test message's sentence, or what a confirmation asks; empty for a finished run. */
  summary: string
  /** Plain-text rendering, at most IM_MAX_CHARS. */
  text: string
}

const MAX_FAILING = 5
const MAX_LINES = 3
const MAX_LINE_CHARS = 200
const TAIL_BYTES = 4096
const TAIL_CHUNKS = 8
const failingStatuses = new Set(['failed', 'timed_out', 'connect_failed', 'interrupted'])

const label = (status: string) => statusLabels[status as TargetRunStatus] ?? status

export async function buildRunMessage(runId: string): Promise<RunMessage> {
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    select: {
      tenantId: true,
      taskId: true,
      title: true,
      status: true,
      error: true,
      finishedAt: true,
      tenant: { select: { name: true, slug: true } },
    },
  })
  const task = run.taskId
    ? await db.task.findFirst({ where: { id: run.taskId, tenantId: run.tenantId }, select: { name: true } })
    : null
  const targetRuns = await db.targetRun.findMany({
    where: { runId, tenantId: run.tenantId },
    orderBy: [{ targetName: 'asc' }, { stepIndex: 'asc' }],
    select: {
      id: true,
      targetId: true,
      targetName: true,
      status: true,
      exitCode: true,
      error: true,
      encoding: true,
      stderrBytes: true,
    },
  })
  // A host's outcome is its first step that did not succeed (later steps were skipped).
  const hosts = new Map<string, (typeof targetRuns)[number]>()
  for (const tr of targetRuns) {
    const seen = hosts.get(tr.targetId)
    if (!seen || (seen.status === 'succeeded' && tr.status !== 'succeeded')) hosts.set(tr.targetId, tr)
  }
  const byStatus = new Map<string, number>()
  for (const h of hosts.values()) byStatus.set(h.status, (byStatus.get(h.status) ?? 0) + 1)
  const failingRuns = [...hosts.values()].filter((h) => failingStatuses.has(h.status))
  const failing = await Promise.all(
    failingRuns.slice(0, MAX_FAILING).map(async (h) => ({
      name: h.targetName,
      status: h.status,
      statusLabel: label(h.status),
      exitCode: h.exitCode,
      error: h.error ? clip(oneLine(h.error), MAX_LINE_CHARS) : null,
      lines: await lastLines(h),
    })),
  )
  const message: RunMessage = {
    kind: 'run',
    tenant: run.tenant.name,
    title: task?.name ?? (run.title || 'Ad hoc run'),
    status: run.status,
    statusLabel: label(run.status),
    link: `${publicOrigin()}${runPath(run.tenant.slug, { id: runId, taskId: run.taskId })}`,
    runId,
    error: run.error ? clip(oneLine(run.error), 500) : null,
    counts: [...byStatus]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([status, n]) => ({ status, label: label(status), hosts: n })),
    hosts: hosts.size,
    failing,
    moreFailing: failingRuns.length - failing.length,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    summary: '',
    text: '',
  }
  return { ...message, text: plainText(message) }
}

/** What "Send test" sends: says which channel it came through and links to the channels page. */
export function testMessage(tenant: { name: string; slug: string }, channelName: string): RunMessage {
  const message: RunMessage = {
    kind: 'test',
    tenant: tenant.name,
    title: 'Test message from Fanout',
    status: 'test',
    statusLabel: 'Test',
    link: `${publicOrigin()}/${tenant.slug}/settings/channels`,
    runId: null,
    error: null,
    counts: [],
    hosts: 0,
    failing: [],
    moreFailing: 0,
    finishedAt: null,
    summary: `Channel “${channelName}” of ${tenant.name} works: run notifications will arrive here.`,
    text: '',
  }
  return { ...message, text: plainText(message) }
}

function oneLine(text: string) {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * The last lines of a target-run's stderr (stdout when stderr is empty), read from the
 * newest few chunks only: a 10 MiB log costs one small query.
 */
async function lastLines(tr: { id: string; encoding: string; stderrBytes: number }): Promise<string[]> {
  const chunks = await db.outputChunk.findMany({
    where: { targetRunId: tr.id, stream: tr.stderrBytes > 0 ? 'stderr' : 'stdout' },
    orderBy: { seq: 'desc' },
    take: TAIL_CHUNKS,
    select: { data: true },
  })
  const all = Buffer.concat(chunks.reverse().map((c) => Buffer.from(c.data)))
  const bytes = all.subarray(Math.max(0, all.length - TAIL_BYTES))
  const encoding = iconv.encodingExists(tr.encoding) ? tr.encoding : 'utf-8'
  let lines = iconv.decode(bytes, encoding).split('\n')
  // Read from the middle: the first line is probably a fragment.
  const fromMiddle = bytes.length < all.length || chunks.length === TAIL_CHUNKS
  if (fromMiddle && lines.length > 1) lines = lines.slice(1)
  return lines
    .map((line) => visibleText(line).trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(-MAX_LINES)
    .map((line) => clip(line, MAX_LINE_CHARS))
}
