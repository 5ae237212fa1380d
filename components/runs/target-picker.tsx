'use client'
import { XIcon } from 'lucide-react'
import { useEffect, useState } from 'react'
import { StatusBadge } from '@/components/targets/status-badge'
import { Badge } from '@/components/ui/badge'
import { Checkbox } from '@/components/ui/checkbox'
import { Input } from '@/components/ui/input'
import { searchRunTargetsAction } from '@/lib/runs/actions'

export interface PickedTarget {
  id: string
  name: string
  host: string
}

type Found = PickedTarget & { port: number; status: string }

const SEARCH_DEBOUNCE_MS = 200

/**
 * Picks a run's targets: by name or address (the server searches, 50 at a time, so a tenant
 * with thousands of hosts stays quick) and by label (every target carrying it at queue time).
 */
export function TargetPicker({
  tenant,
  labels,
  picked,
  onPickedChange,
  pickedLabels,
  onPickedLabelsChange,
  error,
}: {
  tenant: string
  labels: { label: string; targets: number }[]
  picked: PickedTarget[]
  onPickedChange: (next: PickedTarget[]) => void
  pickedLabels: string[]
  onPickedLabelsChange: (next: string[]) => void
  error?: string
}) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<Found[]>([])
  const [searching, setSearching] = useState(true)

  useEffect(() => {
    let current = true
    setSearching(true)
    const timer = setTimeout(async () => {
      const result = await searchRunTargetsAction({ tenant, q })
      if (!current) return
      setFound(result?.data ?? [])
      setSearching(false)
    }, SEARCH_DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [tenant, q])

  const isPicked = (id: string) => picked.some((t) => t.id === id)
  const toggle = (t: PickedTarget, on: boolean) =>
    onPickedChange(on ? [...picked, { id: t.id, name: t.name, host: t.host }] : picked.filter((p) => p.id !== t.id))
  const toggleLabel = (label: string, on: boolean) =>
    onPickedLabelsChange(on ? [...pickedLabels, label] : pickedLabels.filter((l) => l !== label))

  return (
    <fieldset className="grid gap-3" aria-describedby={error ? 'run-targets-error' : undefined}>
      <legend className="mb-2 text-sm font-medium">Targets</legend>
      {labels.length > 0 && (
        <div className="flex flex-wrap gap-x-4 gap-y-2" role="group" aria-label="Labels">
          {labels.map(({ label, targets }) => (
            <label key={label} className="flex items-center gap-2 text-sm">
              <Checkbox
                checked={pickedLabels.includes(label)}
                onCheckedChange={(on) => toggleLabel(label, on === true)}
                aria-label={`Label ${label}`}
              />
              <Badge variant="outline">{label}</Badge>
              <span className="text-xs text-muted-foreground">{targets}</span>
            </label>
          ))}
        </div>
      )}
      <Input
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Search targets by name or address…"
        aria-label="Search targets"
      />
      <ul className="max-h-56 overflow-y-auto rounded-md border" aria-label="Matching targets" aria-busy={searching}>
        {found.map((t) => (
          <li key={t.id} className="border-b last:border-b-0">
            <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-muted/50">
              <Checkbox
                checked={isPicked(t.id)}
                onCheckedChange={(on) => toggle(t, on === true)}
                aria-label={`Target ${t.name}`}
              />
              <span className="font-medium">{t.name}</span>
              <span className="truncate text-muted-foreground">
                {t.host}:{t.port}
              </span>
              <span className="ml-auto">
                <StatusBadge status={t.status} />
              </span>
            </label>
          </li>
        ))}
        {!searching && found.length === 0 && (
          <li className="px-3 py-4 text-center text-sm text-muted-foreground">No target matches.</li>
        )}
      </ul>
      {picked.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Chosen targets">
          {picked.map((t) => (
            <li key={t.id}>
              <Badge variant="secondary" className="gap-1 pr-1">
                {t.name}
                <button
                  type="button"
                  onClick={() => toggle(t, false)}
                  className="rounded-sm p-0.5 hover:bg-muted"
                  aria-label={`Remove ${t.name}`}
                >
                  <XIcon aria-hidden className="size-3" />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id="run-targets-error" role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </fieldset>
  )
}
