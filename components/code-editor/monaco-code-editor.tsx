'use client'

import Editor, { type OnMount } from '@monaco-editor/react'
import { useTheme } from 'next-themes'

import { EditorSkeleton } from './editor-skeleton'
import { monacoLanguage, tabSize, type ScriptLanguage } from './languages'
import { baseOptions } from './monaco'

export type MonacoCodeEditorProps = {
  value: string
  onChange: (value: string) => void
  language: ScriptLanguage
  readOnly: boolean
  ariaLabel: string
}

/** The Monaco half of CodeEditor: loaded lazily, fills the box its parent gives it. */
function MonacoCodeEditor({ value, onChange, language, readOnly, ariaLabel }: MonacoCodeEditorProps) {
  const { resolvedTheme } = useTheme()

  const handleMount: OnMount = (editor, monaco) => {
    // A model without line breaks takes the OS default, CRLF on Windows, and a bash script typed
    // there would fail on its hosts ($'\r': command not found). Text that already has CRLF keeps it.
    const model = editor.getModel()
    if (model && model.getEOL() !== '\n' && !model.getValue().includes('\r\n')) {
      model.setEOL(monaco.editor.EndOfLineSequence.LF)
    }
  }

  return (
    <Editor
      value={value}
      language={monacoLanguage(language)}
      theme={resolvedTheme === 'dark' ? 'vs-dark' : 'vs'}
      height="100%"
      width="100%"
      loading={<EditorSkeleton />}
      onMount={handleMount}
      onChange={(next) => onChange(next ?? '')}
      options={{
        ...baseOptions(),
        ariaLabel,
        readOnly,
        // No on-screen keyboard on touch devices for a read-only view.
        domReadOnly: readOnly,
        tabSize: tabSize(language),
        insertSpaces: true,
        detectIndentation: true,
      }}
    />
  )
}

export default MonacoCodeEditor
