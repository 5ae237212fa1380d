'use client'

import { DiffEditor, type DiffOnMount } from '@monaco-editor/react'
import { useTheme } from 'next-themes'
import { useEffect, useRef } from 'react'

import { EditorSkeleton } from './editor-skeleton'
import { monacoLanguage, type ScriptLanguage } from './languages'
import { baseOptions, type monaco } from './monaco'

export type MonacoDiffEditorProps = {
  original: string
  modified: string
  language: ScriptLanguage
  ariaLabel: string
}

/** The Monaco half of DiffEditor: read-only, side by side, inline below 900 px of width. */
function MonacoDiffEditor({ original, modified, language, ariaLabel }: MonacoDiffEditorProps) {
  const { resolvedTheme } = useTheme()
  const modelsRef = useRef<monaco.editor.IDiffEditorModel | null>(null)

  // @monaco-editor/react 4.7 disposes the two models before the diff widget, which throws
  // "TextModel got disposed before DiffEditorWidget model got reset" on unmount. It keeps them
  // (keepCurrent*Model) and they go here, a task after the widget's own disposal.
  useEffect(
    () => () => {
      const models = modelsRef.current
      if (!models) return
      setTimeout(() => {
        models.original.dispose()
        models.modified.dispose()
      })
    },
    [],
  )

  const handleMount: DiffOnMount = (editor) => {
    modelsRef.current = editor.getModel()
  }

  return (
    <DiffEditor
      original={original}
      modified={modified}
      language={monacoLanguage(language)}
      theme={resolvedTheme === 'dark' ? 'vs-dark' : 'vs'}
      height="100%"
      width="100%"
      loading={<EditorSkeleton />}
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      onMount={handleMount}
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
