'use client'
import { useVirtualizer } from '@tanstack/react-virtual'
import { ChevronDownIcon, ChevronUpIcon } from 'lucide-react'
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react'
import { Button } from '@/components/ui/button'
import {
  findMatchingLine,
  highlightMatches,
  LineIndex,
  lineSegments,
  nextMatchingLine,
  type LogSegment,
} from '@/lib/runs/log-lines'
import { cn } from '@/lib/utils'

// Every row has this height in pixels, so the virtual positions are exact and lines never wrap.
const ROW_HEIGHT = 20
const EDGE_PADDING = 4

export interface LogViewProps {
  /**
   * The stream's output so far, in the pieces it arrived in (e.g. the stored text, then one chunk per
   * event). Append to a copy of the list as output arrives: only the new chunks are indexed. A list
   * that does not extend the previous one (another host's output) is indexed afresh.
   */
  chunks: readonly string[]
  /** Accessible name of the log, e.g. "stdout"; also names its match buttons. */
  label: string
  /** Text to highlight, case-insensitively; the view goes to its first match and offers next/previous. */
  search?: string
  /** A live stream: start at the end and keep the newest line in view while the reader is at the bottom. */
  follow?: boolean
  className?: string
}

/**
 * One stream of a target's output, virtualised so that megabytes of log scroll smoothly. Output comes
 * from hosts and is untrusted: it reaches the DOM only as React text nodes.
 */
export function LogView({ chunks, label, search = '', follow = false, className }: LogViewProps) {
  const [index] = useState(() => new LineIndex())
  // Indexing during render is safe: sync gives the same result for the same chunks, and is cheap on appends.
  index.sync(chunks)
  const count = index.count

  // Following pauses on a jump to a match, so the match stays in view, until the reader is back at the end.
  const [paused, setPaused] = useState(false)
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: EDGE_PADDING,
    paddingEnd: EDGE_PADDING,
    overscan: 20,
    anchorTo: 'end',
    followOnAppend: follow && !paused,
    scrollEndThreshold: ROW_HEIGHT,
  })

  const [startAtEnd] = useState(follow)
  useLayoutEffect(() => {
    if (startAtEnd) virtualizer.scrollToEnd()
  }, [virtualizer, startAtEnd])

  // The match last jumped to, for this search and this log; line -1 when a jump found none.
  const generation = index.generation
  const [jumped, setJumped] = useState<{ search: string; generation: number; line: number } | null>(null)
  const current = jumped?.search === search && jumped.generation === generation ? jumped.line : null

  const jumpTo = useCallback(
    (line: number) => {
      if (line !== -1) {
        setPaused(true)
        virtualizer.scrollToIndex(line, { align: 'center' })
      }
      setJumped({ search, generation, line })
    },
    [virtualizer, search, generation],
  )

  // The view goes to the first match once it arrives. Lines already searched are not searched again,
  // except the open last one, which may still grow.
  const firstMatch = useRef({ search: '', generation: 0, searched: 0, found: false })
  useEffect(() => {
    const scan = firstMatch.current
    if (scan.search !== search || scan.generation !== generation) {
      Object.assign(scan, { search, generation, searched: 0, found: false })
    }
    if (!search || scan.found) return
    const line = findMatchingLine(index, search, scan.searched, index.count)
    scan.searched = Math.max(index.count - 1, 0)
    if (line === -1) return
    scan.found = true
    jumpTo(line)
  }, [index, chunks, search, generation, jumpTo])

  const gutterWidth = `${String(count).length + 2}ch`

  return (
    <div className={cn('grid gap-1', className)}>
      {search && (
        <div className="flex items-center justify-end gap-1 text-xs text-muted-foreground">
          <span aria-live="polite">
            {current === -1 ? 'No matches' : current !== null ? `Match on line ${current + 1}` : ''}
          </span>
          <Button
            type="button"
            variant="ghost"
            size="icon-sm"
            aria-label={`Previous match in ${label}`}
            title="Previous match"
            onClick={() => jumpTo(nextMatchingLine(index, search, current, -1))}
          >
            <ChevronUpIcon aria-hidden />
          </Button>
          <Button
            type="button"
            variant="ghost"
            size="icon-sm"
            aria-label={`Next match in ${label}`}
            title="Next match"
            onClick={() => jumpTo(nextMatchingLine(index, search, current, 1))}
          >
            <ChevronDownIcon aria-hidden />
          </Button>
        </div>
      )}
      {/* No live announcements: virtual rows enter the DOM on every scroll and would be read out as new
          output. */}
      <div
        ref={scrollRef}
        role="log"
        aria-label={label}
        aria-live="off"
        tabIndex={0}
        onScroll={(event) => {
          const box = event.currentTarget
          if (paused && box.scrollHeight - box.scrollTop - box.clientHeight <= ROW_HEIGHT) setPaused(false)
        }}
        className="max-h-[60vh] min-h-20 overflow-auto rounded-md bg-zinc-950 font-mono text-xs text-zinc-100 outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <LogRow
              key={item.key}
              line={index.line(item.index)}
              number={item.index + 1}
              start={item.start}
              gutterWidth={gutterWidth}
              search={search}
              current={item.index === current}
            />
          ))}
        </div>
      </div>
    </div>
  )
}

interface LogRowProps {
  line: string
  number: number
  start: number
  gutterWidth: string
  search: string
  current: boolean
}

// Memoised on the raw line, so a growing log re-parses only the rows whose text changed.
const LogRow = memo(function LogRow({ line, number, start, gutterWidth, search, current }: LogRowProps) {
  const segments = highlightMatches(lineSegments(line), search)
  return (
    <div
      className={cn('absolute top-0 left-0 flex w-max min-w-full', current && 'bg-zinc-800')}
      style={{ height: ROW_HEIGHT, lineHeight: `${ROW_HEIGHT}px`, transform: `translateY(${start}px)` }}
    >
      {/* The number is CSS content, so the row's DOM text (and a copy of it) is the line alone. */}
      <span
        aria-hidden
        data-line={number}
        className={cn(
          'sticky left-0 shrink-0 pr-[1ch] text-right text-zinc-500 select-none before:content-[attr(data-line)]',
          current ? 'bg-zinc-800' : 'bg-zinc-950',
        )}
        style={{ width: gutterWidth }}
      />
      <span className="pr-4 whitespace-pre">
        {segments.map((segment, i) =>
          segment.match ? (
            <mark key={i} className="rounded-xs bg-yellow-300 text-zinc-950" style={segmentStyle(segment)}>
              {segment.text}
            </mark>
          ) : (
            <span key={i} style={segmentStyle(segment)}>
              {segment.text}
            </span>
          ),
        )}
      </span>
    </div>
  )
})

/** Inline styles from anser's data; a match keeps its decorations but takes the highlight's colours. */
function segmentStyle(segment: LogSegment): CSSProperties {
  const decoration = [segment.underline && 'underline', segment.strikethrough && 'line-through'].filter(Boolean)
  return {
    color: segment.fg && !segment.match ? `rgb(${segment.fg})` : undefined,
    backgroundColor: segment.bg && !segment.match ? `rgb(${segment.bg})` : undefined,
    fontWeight: segment.bold ? 'bold' : undefined,
    fontStyle: segment.italic ? 'italic' : undefined,
    opacity: segment.dim ? 0.6 : undefined,
    textDecorationLine: decoration.length > 0 ? decoration.join(' ') : undefined,
  }
}
