// Monaco, self-hosted: bundled into the app's own chunks, never fetched from a CDN.
// Import this module only from files loaded with next/dynamic({ ssr: false }): it touches
// `self` and pulls in the ~1 MB (gzip) editor, which must stay off pages without one.
import * as monaco from 'monaco-editor'
import { loader } from '@monaco-editor/react'

self.MonacoEnvironment = {
  // Shell, Python, Perl and PowerShell are Monarch tokenizers: the generic editor worker
  // (diff computation, links, word completion) is the only worker Fanout needs. The bare
  // specifier goes through monaco-editor's `exports` map ("./*" -> "./esm/vs/*"), so this
  // is node_modules/monaco-editor/esm/vs/editor/editor.worker.js; the bundler emits it as
  // a same-origin worker chunk.
  getWorker: (_workerId, label) =>
    new Worker(new URL('monaco-editor/editor/editor.worker.js', import.meta.url), { type: 'module', name: label }),
}

// Without this, @monaco-editor/react injects a <script> from cdn.jsdelivr.net.
loader.config({ monaco })

/** Tailwind's default mono stack: the app's `font-mono`. */
const FALLBACK_MONO_FONT =
  'ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, "Liberation Mono", "Courier New", monospace'

/** The app's mono font, read from Tailwind's `--font-mono` theme variable when it is emitted. */
export function monoFontFamily(): string {
  const fromTheme = getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim()
  return fromTheme || FALLBACK_MONO_FONT
}

/** Options shared by the code and the diff editor. */
export function baseOptions(): monaco.editor.IEditorOptions {
  return {
    fontFamily: monoFontFamily(),
    fontSize: 13,
    lineNumbers: 'on',
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    // Monaco watches its container with a ResizeObserver and relayouts with the page.
    automaticLayout: true,
    renderWhitespace: 'selection',
  }
}

export { monaco }
