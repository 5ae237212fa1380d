'use client'

import Editor, { type OnMount } from '@monaco-editor/react'
import { useTheme } from 'next-themes'
import { useEffect, useMemo, useRef } from 'react'

import { EditorSkeleton } from './editor-skeleton'
import { monacoLanguage, tabSize, type ScriptLanguage } from './languages'
import { baseOptions, type monaco } from './monaco'

export type MonacoCodeEditorProps = {
  /** The text when the editor mounts, then whenever `revision` changes. */
  value: string
  /** Bumped by the parent when `value` is a replacement from outside (a revert, a reload), not an echo of an edit. */
  revision: number
  onChange: (value: string) => void
  language: ScriptLanguage
  readOnly: boolean
  ariaLabel: string
}

/**
 * The Monaco half of CodeEditor: loaded lazily, fills the box its parent gives it.
 * Monaco owns the text while mounted. Feeding every edit back as a controlled `value` loses
 * keystrokes: a render that lags one key behind would overwrite the model with older text.
 */
function MonacoCodeEditor({ value, revision, onChange, language, readOnly, ariaLabel }: MonacoCodeEditorProps) {
  const { resolvedTheme } = useTheme()
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model || model.getValue() === value) return
    // A model edit, not setValue: it stays undoable and works in read-only editors too.
    model.pushStackElement()
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null)
    model.pushStackElement()
    // Only a replacement from outside moves the text; `value` echoing an edit must not.
  }, [revision])

  const handleMount: OnMount = (editor, monacoApi) => {
    editorRef.current = editor
    // A model without line breaks takes the OS default, CRLF on Windows, and a bash script typed
    // there would fail on its hosts ($'\r': command not found). Text that already has CRLF keeps it.
    const model = editor.getModel()
    if (model && model.getEOL() !== '\n' && !model.getValue().includes('\r\n')) {
      model.setEOL(monacoApi.editor.EndOfLineSequence.LF)
    }
  }

  const options = useMemo<monaco.editor.IStandaloneEditorConstructionOptions>(
    () => ({
      ...baseOptions(),
      ariaLabel,
      readOnly,
      // No on-screen keyboard on touch devices for a read-only view.
      domReadOnly: readOnly,
      tabSize: tabSize(language),
      insertSpaces: true,
      detectIndentation: true,
    }),
    [ariaLabel, readOnly, language],
  )

  return (
    <Editor
      defaultValue={value}
      language={monacoLanguage(language)}
      theme={resolvedTheme === 'dark' ? 'vs-dark' : 'vs'}
      height="100%"
      width="100%"
      loading={<EditorSkeleton />}
      onMount={handleMount}
      onChange={(next) => onChange(next ?? '')}
      options={options}
    />
  )
}

export default MonacoCodeEditor
