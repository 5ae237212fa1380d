'use client'

import dynamic from 'next/dynamic'
import { useState } from 'react'

import { cn } from '@/lib/utils'

import { EditorSkeleton } from './editor-skeleton'
import type { ScriptLanguage } from './languages'

// Monaco is ~1 MB of gzipped JS (+ a 115 KB worker, 30 KB CSS): fetched only when a page renders an editor.
const MonacoCodeEditor = dynamic(() => import('./monaco-code-editor'), {
  ssr: false,
  loading: () => <EditorSkeleton />,
})

export type CodeEditorProps = {
  value: string
  /**
   * Called with the whole text on every edit. Optional: without it the editor keeps its own text.
   * A controlled parent passes the same string back as `value` in the same update (no transition or
   * debounce); any other new `value` replaces the editor's text.
   */
  onChange?: (value: string) => void
  language: ScriptLanguage
  readOnly?: boolean
  /** CSS height (e.g. 480 or '60vh'). Default: fills its parent, which then needs a height; never below 12rem. */
  height?: number | string
  /** The accessible name of the text area, e.g. "Script content". */
  ariaLabel: string
  /** When set, a hidden input with this name carries the current text, so FormData/form actions submit it. */
  name?: string
  id?: string
  className?: string
  'aria-invalid'?: boolean | 'true' | 'false'
  'aria-describedby'?: string
}

/**
 * THE code editor (Monaco, self-hosted): syntax highlighting for the script languages, find
 * (Ctrl/Cmd+F), light/dark with the app. Renders a skeleton until the Monaco chunk has loaded.
 */
function CodeEditor({
  value,
  onChange,
  language,
  readOnly = false,
  height,
  ariaLabel,
  name,
  id,
  className,
  ...aria
}: CodeEditorProps) {
  // The current text, for the hidden field: it follows edits even when the parent does not keep
  // them. A new `value` that is not the echo of an edit (a revert, fresh data after a save) is a
  // replacement: it bumps `revision`, and only then is it pushed into Monaco.
  const [text, setText] = useState(value)
  const [prevValue, setPrevValue] = useState(value)
  const [revision, setRevision] = useState(0)
  if (value !== prevValue) {
    setPrevValue(value)
    if (value !== text) {
      setText(value)
      setRevision(revision + 1)
    }
  }

  const handleChange = (next: string) => {
    setText(next)
    onChange?.(next)
  }

  return (
    <div
      id={id}
      data-slot="code-editor"
      className={cn(
        'relative min-h-48 overflow-hidden rounded-md border border-input bg-background',
        'aria-invalid:border-destructive',
        height === undefined && 'h-full',
        className,
      )}
      style={height === undefined ? undefined : { height }}
      {...aria}
    >
      {/* Absolutely placed, so Monaco's own size never feeds back into the box it measures. */}
      <div className="absolute inset-0">
        <MonacoCodeEditor
          value={text}
          revision={revision}
          onChange={handleChange}
          language={language}
          readOnly={readOnly}
          ariaLabel={ariaLabel}
        />
      </div>
      {/* An <input>, not a <textarea>: a textarea's form value turns LF into CRLF, which breaks scripts. */}
      {name ? <input type="hidden" name={name} value={text} /> : null}
    </div>
  )
}

export { CodeEditor }
