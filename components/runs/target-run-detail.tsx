'use client'
import { DownloadIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { truncationNote } from '@/lib/runs/live'
import { formatDuration, isLive } from '@/lib/runs/statuses'
import { useLiveRun } from './live-run'
import { LogView } from './log-view'
import { RunStatusBadge } from './run-status-badge'

const date = (iso: string | null) => (iso ? new Date(iso) : null)

/** The open target-run: where it ran, how it ended, and its stdout and stderr apart, live. */
export function TargetRunDetail({ search }: { search: string }) {
  const { runId, targetRuns, targets, openId, output, outputLoaded, now } = useLiveRun()
  const t = targetRuns.find((r) => r.id === openId)
  if (!t) return null
  const info = targets[t.targetId]
  const live = isLive(t.status)
  const download = (stream: 'stdout' | 'stderr') =>
    `/api/runs/${encodeURIComponent(runId)}/targets/${encodeURIComponent(t.id)}/output?stream=${stream}`
  const streams = [
    { name: 'stdout' as const, chunks: output.stdout, bytes: t.stdoutBytes, dropped: t.stdoutDropped },
    { name: 'stderr' as const, chunks: output.stderr, bytes: t.stderrBytes, dropped: t.stderrDropped },
  ]
  const printed = streams.filter((s) => s.chunks.some((c) => c !== '') || s.bytes > 0)
  return (
    <section aria-label={`Output of ${t.targetName}`} className="grid gap-3 rounded-lg border p-4">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <h2 className="text-base font-semibold">{t.targetName}</h2>
        <RunStatusBadge status={t.status} />
        {t.exitCode !== null && <span>exit {t.exitCode}</span>}
        <span className="text-muted-foreground tabular-nums">
          {formatDuration(date(t.startedAt), date(t.finishedAt), now)}
        </span>
        <span className="font-mono text-xs text-muted-foreground">{t.targetId}</span>
        {info && <span className="text-muted-foreground">{info.address}</span>}
        {info?.resourcePool && <span className="text-muted-foreground">pool {info.resourcePool}</span>}
        {info?.region && <span className="text-muted-foreground">region {info.region}</span>}
      </header>
      {t.error && (
        <p role="alert" className="text-sm text-destructive">
          {t.error}
        </p>
      )}
      {printed.map((s) => (
        <div key={s.name} className="grid gap-1">
          <div className="flex items-center gap-2">
            <h3 className="text-xs font-medium text-muted-foreground uppercase">{s.name}</h3>
            {s.dropped > 0 && <span className="text-xs text-warning">{truncationNote(s.dropped)}</span>}
            <Button asChild variant="ghost" size="sm" className="ml-auto h-7">
              <a href={download(s.name)} download>
                <DownloadIcon aria-hidden /> Download full {s.name}
              </a>
            </Button>
          </div>
          <LogView key={`${t.id}:${s.name}`} chunks={s.chunks} label={s.name} search={search} follow={live} />
        </div>
      ))}
      {!printed.length && outputLoaded && !t.error && (
        <p className="text-sm text-muted-foreground">{live ? 'No output yet.' : 'No output.'}</p>
      )}
    </section>
  )
}
