import type { ScriptLanguage } from '@/components/code-editor/languages'

export type { ScriptLanguage }

/** The languages a script may be written in (PRODUCT §1), in the order forms offer them. */
export const scriptLanguages = [
  'bash',
  'sh',
  'python3',
  'perl',
  'powershell-core',
] as const satisfies readonly ScriptLanguage[]

export const languageLabels: Record<ScriptLanguage, string> = {
  bash: 'Bash',
  sh: 'POSIX sh',
  python3: 'Python 3',
  perl: 'Perl',
  'powershell-core': 'PowerShell Core',
}

export function isScriptLanguage(value: unknown): value is ScriptLanguage {
  return typeof value === 'string' && (scriptLanguages as readonly string[]).includes(value)
}

/** What a new script starts with, so the first save already runs. */
export const starterContent: Record<ScriptLanguage, string> = {
  bash: '#!/usr/bin/env bash\nset -euo pipefail\n\n',
  sh: '#!/bin/sh\nset -eu\n\n',
  python3: '#!/usr/bin/env python3\n\n',
  perl: '#!/usr/bin/env perl\nuse strict;\nuse warnings;\n\n',
  'powershell-core': '#!/usr/bin/env pwsh\n$ErrorActionPreference = "Stop"\n\n',
}
