'use client'

import { DiffEditor } from '@monaco-editor/react'
import { useTheme } from 'next-themes'

import { EditorSkeleton } from './editor-skeleton'
import { monacoLanguage, type ScriptLanguage } from './languages'
import { baseOptions } from './monaco'

export type MonacoDiffEditorProps = {
  original: string
  modified: string
  language: ScriptLanguage
  ariaLabel: string
}

/** The Monaco half of DiffEditor: read-only, side by side, inline below 900 px of width. */
function MonacoDiffEditor({ original, modified, language, ariaLabel }: MonacoDiffEditorProps) {
  const { resolvedTheme } = useTheme()
  return (
    <DiffEditor
      original={original}
      modified={modified}
      language={monacoLanguage(language)}
      theme={resolvedTheme === 'dark' ? 'vs-dark' : 'vs'}
      height="100%"
      width="100%"
      loading={<EditorSkeleton />}
      options={{
        ...baseOptions(),
        ariaLabel,
        originalAriaLabel: `${ariaLabel}: original`,
        modifiedAriaLabel: `${ariaLabel}: modified`,
        readOnly: true,
        originalEditable: false,
        domReadOnly: true,
        renderSideBySide: true,
        // Monaco switches to the inline view when the editor is narrower than the breakpoint.
        useInlineViewWhenSpaceIsLimited: true,
        renderSideBySideInlineBreakpoint: 900,
        renderOverviewRuler: false,
        ignoreTrimWhitespace: false,
      }}
    />
  )
}

export default MonacoDiffEditor
