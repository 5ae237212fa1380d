'use client'
import { useQueryStates } from 'nuqs'
import { createContext, use, useEffect, useMemo, useState } from 'react'
import type { LiveOutput, LiveRun, LiveTargetRun } from '@/lib/runs/live'
import { isLive } from '@/lib/runs/statuses'
import { runViewParams } from '@/lib/runs/view-params'

/** What the page knows of each target from the run's snapshot (as it was at run time). */
export interface TargetInfo {
  address: string
  resourcePool: string | null
  region: string | null
}

interface LiveRunValue {
  tenant: string
  runId: string
  run: LiveRun
  targetRuns: LiveTargetRun[]
  targets: Record<string, TargetInfo>
  /** The open target-run (from the URL, else the first) and the output streamed for it. */
  openId: string | null
  /** The pieces of each stream as they arrived (components/runs/log-view indexes only new ones). */
  output: Output
  /** True once everything the open target-run printed so far has arrived. */
  outputLoaded: boolean
  now: Date
}

const LiveRunContext = createContext<LiveRunValue | null>(null)

export function useLiveRun(): LiveRunValue {
  const value = use(LiveRunContext)
  if (!value) throw new Error('useLiveRun outside LiveRunProvider')
  return value
}

interface Output {
  stdout: readonly string[]
  stderr: readonly string[]
}

const empty: Output = { stdout: [], stderr: [] }

/**
 * Keeps a run's page live: one EventSource on /api/runs/<id>/events streams the run's
 * state, its targets' states and the open target's output. Opening another target opens
 * a new stream for it; a dropped connection is resumed by the browser with Last-Event-ID,
 * and the output keeps growing where it stopped.
 */
export function LiveRunProvider({
  tenant,
  runId,
  initialRun,
  initialTargetRuns,
  targets,
  children,
}: {
  tenant: string
  runId: string
  initialRun: LiveRun
  initialTargetRuns: LiveTargetRun[]
  targets: Record<string, TargetInfo>
  children: React.ReactNode
}) {
  const [run, setRun] = useState(initialRun)
  const [byId, setById] = useState(() => new Map(initialTargetRuns.map((t) => [t.id, t])))
  const [{ target }] = useQueryStates(runViewParams)
  const openId = target && byId.has(target) ? target : (byId.keys().next().value ?? null)
  const [output, setOutput] = useState<Output & { id: string | null; loaded: boolean }>({
    id: null,
    ...empty,
    loaded: false,
  })
  const now = useNow(isLive(run.status))

  useEffect(() => {
    const query = openId ? `?targetRun=${encodeURIComponent(openId)}` : ''
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events${query}`)
    setOutput({ id: openId, ...empty, loaded: false })
    source.addEventListener('run', (e) => setRun(JSON.parse(e.data) as LiveRun))
    source.addEventListener('targets', (e) => {
      const changed = JSON.parse(e.data) as LiveTargetRun[]
      setById((previous) => {
        const next = new Map(previous)
        for (const t of changed) next.set(t.id, t)
        return next
      })
      // Targets follow the output read so far (lib/runs/events): the log has caught up.
      setOutput((o) => (o.loaded ? o : { ...o, loaded: true }))
    })
    source.addEventListener('output', (e) => {
      const chunk = JSON.parse(e.data) as LiveOutput
      setOutput((o) => (chunk.targetRunId === o.id ? { ...o, [chunk.stream]: [...o[chunk.stream], chunk.text] } : o))
    })
    source.addEventListener('end', () => {
      source.close()
      setOutput((o) => ({ ...o, loaded: true }))
    })
    return () => source.close()
  }, [runId, openId])

  const value = useMemo<LiveRunValue>(
    () => ({
      tenant,
      runId,
      run,
      targetRuns: [...byId.values()],
      targets,
      openId,
      output: output.id === openId ? output : empty,
      outputLoaded: output.id === openId && output.loaded,
      now,
    }),
    [tenant, runId, run, byId, targets, openId, output, now],
  )
  return <LiveRunContext value={value}>{children}</LiveRunContext>
}

/** The current time, ticking every second while something on the page is live (durations grow). */
function useNow(ticking: boolean) {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    if (!ticking) return
    const timer = setInterval(() => setNow(new Date()), 1000)
    return () => clearInterval(timer)
  }, [ticking])
  return now
}
