// What the live run view receives (GET /api/runs/<id>/events) and how it groups targets.
// No server imports: the route handler and the page's client components share it.

import type { TargetRunStatus } from './statuses'

/** event: run — the run's own state; sent first and whenever it changes. */
export interface LiveRun {
  status: TargetRunStatus
  error: string | null
  cancelRequested: boolean
  startedAt: string | null
  finishedAt: string | null
  /** Every confirmation the run reached, oldest first: the one it waits at, and those decided. */
  gates: LiveGate[]
}

export const gateStatuses = ['waiting', 'continued', 'aborted', 'timed_out'] as const
export type GateStatus = (typeof gateStatuses)[number]
export const gateActorTypes = ['user', 'token', 'system'] as const

/** A point where the run waited for a person (lib/runs/gates.ts), and what was decided there. */
export interface LiveGate {
  key: string
  stepIndex: number
  /** The batch it stands before (0: not between batches). */
  batch: number
  message: string
  status: GateStatus
  createdAt: string
  timeoutAt: string | null
  decidedAt: string | null
  /** A user, an API token, or the system (a timeout); null while it waits. */
  decidedBy: { type: (typeof gateActorTypes)[number]; label: string } | null
  comment: string | null
}

/** event: targets — the target-runs that changed since the last such event (all, at first). */
export interface LiveTargetRun {
  id: string
  stepIndex: number
  /** The rollout batch (1 = the first, the canary if any); 0: no batches. */
  batch: number
  targetId: string
  targetName: string
  status: TargetRunStatus
  exitCode: number | null
  error: string | null
  outputHash: string | null
  stdoutBytes: number
  stderrBytes: number
  /** Bytes past the output cap, not stored. */
  stdoutDropped: number
  stderrDropped: number
  startedAt: string | null
  finishedAt: string | null
}

/** event: output (id: the chunk's seq) — text the open target-run printed, in order. */
export interface LiveOutput {
  targetRunId: string
  stream: 'stdout' | 'stderr'
  text: string
}

/** event: end — the run is over and everything it printed was sent; the stream closes. */
export interface LiveEnd {
  status: TargetRunStatus
}

/**
 * Targets with the same result share a key: status, exit code, error and output hash.
 * Targets still queued or running have no result yet: they group by status alone.
 */
export function resultKey(t: Pick<LiveTargetRun, 'status' | 'exitCode' | 'error' | 'outputHash'>): string {
  if (t.status === 'queued' || t.status === 'running') return JSON.stringify([t.status])
  return JSON.stringify([t.status, t.exitCode, t.error, t.outputHash])
}

/** What a view says of a stream cut at the output cap (the download ends with the same). */
export function truncationNote(dropped: number): string {
  return `truncated: ${dropped.toLocaleString('en-US')} more bytes were not stored`
}
