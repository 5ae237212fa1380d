'use client'

import dynamic from 'next/dynamic'

import { cn } from '@/lib/utils'

import { EditorSkeleton } from './editor-skeleton'
import type { ScriptLanguage } from './languages'

// Shares the Monaco chunk with CodeEditor; fetched only when a page renders a diff.
const MonacoDiffEditor = dynamic(() => import('./monaco-diff-editor'), {
  ssr: false,
  loading: () => <EditorSkeleton />,
})

export type DiffEditorProps = {
  original: string
  modified: string
  language: ScriptLanguage
  /** e.g. "Version 3" */
  originalLabel: string
  /** e.g. "Version 4 (current)" */
  modifiedLabel: string
  /** CSS height. Default: fills its parent, which then needs a height; never below 12rem. */
  height?: number | string
  /** Default: "Changes from <originalLabel> to <modifiedLabel>". */
  ariaLabel?: string
  id?: string
  className?: string
}

/**
 * Read-only diff of two texts: side by side, inline when the editor is narrower than 900 px.
 * The labels head the two columns, or stack above the inline view.
 */
function DiffEditor({
  original,
  modified,
  language,
  originalLabel,
  modifiedLabel,
  height,
  ariaLabel,
  id,
  className,
}: DiffEditorProps) {
  return (
    <div
      id={id}
      data-slot="diff-editor"
      className={cn(
        '@container flex min-h-48 flex-col overflow-hidden rounded-md border border-input bg-background',
        height === undefined && 'h-full',
        className,
      )}
      style={height === undefined ? undefined : { height }}
    >
      {/* Same breakpoint as Monaco's inline switch (the container's width, not the viewport's). */}
      <div className="grid border-b bg-muted/50 text-xs font-medium text-muted-foreground @min-[900px]:grid-cols-2">
        <div className="truncate px-3 py-1.5">
          <span aria-hidden className="mr-1 text-destructive">
            −
          </span>
          {originalLabel}
        </div>
        <div className="truncate px-3 py-1.5 @min-[900px]:border-l">
          <span aria-hidden className="mr-1 text-success">
            +
          </span>
          {modifiedLabel}
        </div>
      </div>
      <div className="relative min-h-0 flex-1">
        <div className="absolute inset-0">
          <MonacoDiffEditor
            original={original}
            modified={modified}
            language={language}
            ariaLabel={ariaLabel ?? `Changes from ${originalLabel} to ${modifiedLabel}`}
          />
        </div>
      </div>
    </div>
  )
}

export { DiffEditor }
